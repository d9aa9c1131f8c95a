package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The golden files under golden/bedrock (sources in its SOURCES.md), compared as JSON trees. */
class ConverseGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"text", "tool-call", "tool-result", "stream"})
    void anOpenAiRequestBecomesTheDocumentedConverseRequestAndNamesWhatItDropped(String name) throws IOException {
        ConverseCall call = ChatToConverse.translate(json(name, "client-request.json"));

        assertThat(JSON.readTree(call.body().toString())).isEqualTo(json(name, "upstream-request.json"));
        assertThat(call.dropped()).containsExactlyElementsOf(dropped(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "tool-call", "tool-result"})
    void aConverseResponseBecomesTheExpectedChatCompletion(String name) throws IOException {
        JsonNode expected = json(name, "client-response.json");

        ObjectNode chat = ConverseToChat.translate(
                json(name, "upstream-response.json"),
                "chatcmpl-golden",
                expected.get("model").asText(),
                1_700_000_000L);

        assertThat(JSON.readTree(chat.toString())).isEqualTo(expected); // as parsed, so 1700000000 is one number type
    }

    @Test
    void converseStreamFramesBecomeTheExpectedChunksWhateverWayTheBytesAreCut() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (JsonNode frame : json("stream", "upstream-events.json")) {
            wire.writeBytes(EventFrames.encode(
                    ConverseEvent.event(frame.get("type").asText(), (ObjectNode) frame.get("payload"))));
        }
        byte[] bytes = wire.toByteArray();
        List<String> expected = events(text("stream", "client-response.sse"));

        for (int cut : new int[] {1, 7, 64, bytes.length}) {
            EventFrames frames = new EventFrames();
            ConverseChunks chunks = new ConverseChunks(
                    "chatcmpl-golden", "anthropic.claude-3-haiku-20240307-v1:0", 1_700_000_000L, true);
            StringBuilder out = new StringBuilder();
            for (int at = 0; at < bytes.length; at += cut) {
                for (var frame : frames.feed(bytes, at, Math.min(cut, bytes.length - at))) {
                    out.append(new String(chunks.translate(EventFrames.read(frame.message())), StandardCharsets.UTF_8));
                }
            }
            out.append(new String(ConverseChunks.done(), StandardCharsets.UTF_8));

            List<String> actual = events(out.toString());
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(tree(actual.get(i))).as("event %d, cut %d", i, cut).isEqualTo(tree(expected.get(i)));
            }
            assertThat(chunks.usage().totalTokens()).isEqualTo(435);
            assertThat(chunks.stopped()).isTrue();
        }
    }

    private static JsonNode tree(String data) throws IOException {
        return data.equals("[DONE]") ? JSON.getNodeFactory().textNode(data) : JSON.readTree(data);
    }

    private static List<String> events(String sse) {
        List<String> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("data: ")) {
                out.add(event.substring(6));
            }
        }
        return out;
    }

    private static List<String> dropped(String name) throws IOException {
        String text = text(name, "dropped-params.txt").strip();
        return text.isEmpty() ? List.of() : List.of(text.split(","));
    }

    static JsonNode json(String name, String file) throws IOException {
        return JSON.readTree(text(name, file));
    }

    static String text(String name, String file) throws IOException {
        try (InputStream in = ConverseGoldenTest.class.getResourceAsStream("/golden/bedrock/" + name + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
