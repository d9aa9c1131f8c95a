package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Phase;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConverseStreamTapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GuardEngine ENGINE = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());
    /** An OpenAI project key (the shape the default policy masks), split where no single frame shows it whole. */
    private static final String KEY = projectKey();

    @Test
    void anUngovernedStreamPassesFramesByteForByteAndHoldsMetadataAsItsLastFrame() {
        ConverseStreamTap tap = new ConverseStreamTap(null);
        byte[] start = frame("messageStart", "{\"role\":\"assistant\"}");
        byte[] delta = frame("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"},\"p\":\"ab\"}");
        byte[] metadata = frame("metadata", "{\"usage\":{\"inputTokens\":3,\"outputTokens\":1,\"totalTokens\":4}}");

        byte[] out = feed(tap, start, delta, metadata);

        assertThat(out).isEqualTo(concat(start, delta));
        assertThat(tap.done()).isTrue();
        assertThat(tap.doneEvent()).isEqualTo(metadata);
        assertThat(tap.usage().totalTokens()).isEqualTo(4);
    }

    @Test
    void textHeldBackIsMaskedAndFlushedJustBeforeItsBlockStops() {
        ConverseStreamTap tap = new ConverseStreamTap(ENGINE.stream(Phase.COMPLETION));

        byte[] out = feed(
                tap,
                frame("messageStart", "{\"role\":\"assistant\"}"),
                delta(0, "Your key: " + KEY.substring(0, 30)),
                delta(0, KEY.substring(30)),
                frame("contentBlockStop", "{\"contentBlockIndex\":0}"),
                frame("messageStop", "{\"stopReason\":\"end_turn\"}"));

        List<ConverseEvent> events = events(out);
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(e -> e.is("contentBlockDelta"))
                .forEach(e -> text.append(e.payload().at("/delta/text").asText()));
        assertThat(text.toString()).isEqualTo("Your key: [REDACTED:secret]");
        assertThat(events.get(events.size() - 2).type()).isEqualTo("contentBlockStop");
        assertThat(new String(out, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(KEY.substring(20, 40));
    }

    @Test
    void aToolInputThePolicyDeniesEndsTheMessageAsFilteredContent() {
        ConverseStreamTap tap = new ConverseStreamTap(ENGINE.stream(Phase.COMPLETION));

        byte[] out = feed(
                tap,
                frame(
                        "contentBlockStart",
                        "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"shell\"}}}"),
                frame(
                        "contentBlockDelta",
                        "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"cmd\\\":\\\"rm -rf \"}}}"),
                frame(
                        "contentBlockDelta",
                        "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"/ --no-preserve-root\\\"}\"}}}"),
                delta(0, "never seen"));

        List<ConverseEvent> events = events(out);
        assertThat(tap.ended()).isTrue();
        assertThat(events.get(events.size() - 1).payload().get("stopReason").asText())
                .isEqualTo("content_filtered");
        assertThat(events.toString()).doesNotContain("rm -rf").doesNotContain("never seen");
    }

    @Test
    void aCutStreamEndsWithAnExceptionFrameTheSdksRaise() {
        byte[] error = new ConverseStreamTap(null).errorEvent(ApiError.UPSTREAM_STREAM_FAILED, "cut");

        ConverseEvent event = events(error).get(0);

        assertThat(event.kind()).isEqualTo(ConverseEvent.Kind.EXCEPTION);
        assertThat(event.type()).isEqualTo("modelStreamErrorException");
        assertThat(event.payload().get("message").asText()).isEqualTo("cut");
    }

    private static String projectKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        java.util.Random random = new java.util.Random(17);
        StringBuilder key = new StringBuilder("sk-" + "proj-");
        for (int i = 0; i < 120; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.insert(60, "T3Blbk" + "FJ").toString();
    }

    private static byte[] delta(int block, String text) {
        ObjectNode payload = JSON.createObjectNode().put("contentBlockIndex", block);
        payload.putObject("delta").put("text", text);
        return EventFrames.encode(ConverseEvent.event("contentBlockDelta", payload));
    }

    private static byte[] frame(String type, String json) {
        try {
            return EventFrames.encode(ConverseEvent.event(type, (ObjectNode) JSON.readTree(json)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] feed(ConverseStreamTap tap, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(tap.feed(frame, 0, frame.length));
        }
        out.writeBytes(tap.remainder());
        return out.toByteArray();
    }

    private static List<ConverseEvent> events(byte[] bytes) {
        return new EventFrames()
                .feed(bytes, 0, bytes.length).stream()
                        .map(f -> EventFrames.read(f.message()))
                        .toList();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
