package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

class EventFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFrameBuiltByTheAwsLibraryDecodesToItsEventAndEncodesBackToTheSameBytes() throws Exception {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("contentBlockDelta"));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        byte[] payload =
                "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"},\"p\":\"abcd\"}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = bytes(new Message(headers, payload).toByteBuffer());

        List<EventFrames.Frame> decoded = new EventFrames().feed(frame, 0, frame.length);
        ConverseEvent event = EventFrames.read(decoded.get(0).message());

        assertThat(event.is("contentBlockDelta")).isTrue();
        assertThat(event.blockIndex()).isZero();
        assertThat(event.payload().path("delta").path("text").asText()).isEqualTo("Hi");
        assertThat(decoded.get(0).raw()).isEqualTo(frame);
        assertThat(EventFrames.encode(event)).isEqualTo(frame);
    }

    @Test
    void framesCutAnywhereAreReturnedOnlyOnceWhole() {
        byte[] one = EventFrames.encode(ConverseEvent.event("messageStart", object("{\"role\":\"assistant\"}")));
        byte[] two = EventFrames.encode(ConverseEvent.event("messageStop", object("{\"stopReason\":\"end_turn\"}")));
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        EventFrames frames = new EventFrames();

        assertThat(frames.feed(both, 0, one.length - 1)).isEmpty();
        assertThat(EventFrames.holdsWholeFrame(java.util.Arrays.copyOf(both, one.length - 1)))
                .isFalse();
        assertThat(EventFrames.holdsWholeFrame(java.util.Arrays.copyOf(both, one.length)))
                .isTrue();
        List<EventFrames.Frame> first = frames.feed(both, one.length - 1, 3);
        List<EventFrames.Frame> rest = frames.feed(both, one.length + 2, both.length - one.length - 2);

        assertThat(first).hasSize(1);
        assertThat(EventFrames.read(first.get(0).message()).type()).isEqualTo("messageStart");
        assertThat(rest).hasSize(1);
        assertThat(EventFrames.read(rest.get(0).message())
                        .payload()
                        .get("stopReason")
                        .asText())
                .isEqualTo("end_turn");
    }

    @Test
    void anExceptionFrameKeepsItsTypeAndMessage() {
        byte[] frame = EventFrames.encode(
                ConverseEvent.exception("throttlingException", object("{\"message\":\"Too many requests\"}")));

        Message message = new EventFrames().feed(frame, 0, frame.length).get(0).message();
        ConverseEvent event = EventFrames.read(message);

        assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(event.kind()).isEqualTo(ConverseEvent.Kind.EXCEPTION);
        assertThat(event.type()).isEqualTo("throttlingException");
        assertThat(event.payload().get("message").asText()).isEqualTo("Too many requests");
    }

    @Test
    void aFrameWhoseChecksumDoesNotMatchIsRefused() {
        byte[] frame = EventFrames.encode(ConverseEvent.event("messageStart", object("{\"role\":\"assistant\"}")));
        frame[frame.length - 6] ^= 0x20;

        assertThatThrownBy(() -> new EventFrames().feed(frame, 0, frame.length))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
