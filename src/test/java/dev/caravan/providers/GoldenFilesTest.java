package dev.caravan.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every translator against the golden files of src/test/resources/golden (documented examples), as JSON trees. */
class GoldenFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long CREATED = 1_700_000_000L;
    private static final Map<String, String> MODELS =
            Map.of("anthropic", "claude-3-7-sonnet-20250219", "gemini", "gemini-2.0-flash");
    private static final List<String> CASES =
            List.of("text", "tools", "tool-result", "image-and-params", "stream-text", "stream-tool", "error");

    static Stream<Arguments> cases() {
        return MODELS.keySet().stream().sorted().flatMap(api -> CASES.stream().map(c -> Arguments.of(api, c)));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void theTranslatorWritesWhatTheGoldenFilesSay(String api, String name) {
        ChatTranslator translator = ChatTranslators.forApi(api).orElseThrow();
        String dir = "/golden/" + api + "/" + name + "/";
        String model = MODELS.get(api);
        byte[] request = read(dir + "client-request.json");
        if (request != null) {
            TranslatedRequest translated = translator.request((ObjectNode) tree(request), model);
            assertThat(reparsed(translated.body())).isEqualTo(tree(read(dir + "upstream-request.json")));
            byte[] dropped = read(dir + "dropped.json");
            assertThat(translated.dropped())
                    .containsExactlyElementsOf(dropped == null ? List.of() : strings(tree(dropped)));
        }
        byte[] answer = read(dir + "upstream-response.json");
        if (answer != null) {
            assertThat(reparsed(translator.response(tree(answer), model, CREATED)))
                    .isEqualTo(tree(read(dir + "client-response.json")));
        }
        byte[] stream = read(dir + "upstream-response.sse");
        if (stream != null) {
            assertThat(openAiEvents(translate(translator.stream(model, CREATED), stream)))
                    .isEqualTo(openAiEvents(read(dir + "client-response.sse")));
        }
        byte[] error = read(dir + "upstream-error.json");
        if (error != null) {
            int status = Integer.parseInt(new String(read(dir + "status.txt"), StandardCharsets.US_ASCII).strip());
            assertThat(reparsed(translator.error(status, error))).isEqualTo(tree(read(dir + "client-error.json")));
        }
    }

    /** Feeds a native SSE body to a stream translator a few bytes at a time, as a socket would. */
    static byte[] translate(ChatStreamTranslator stream, byte[] sse) {
        SseReader events = new SseReader();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int off = 0; off < sse.length; off += 7) {
            for (SseReader.Event event : events.feed(sse, off, Math.min(7, sse.length - off))) {
                out.writeBytes(stream.event(event.type(), event.data()));
            }
        }
        out.writeBytes(stream.end());
        return out.toByteArray();
    }

    /** An OpenAI SSE body as the list of its events' data: JSON trees, and the text "[DONE]". */
    static List<JsonNode> openAiEvents(byte[] sse) {
        List<JsonNode> events = new ArrayList<>();
        SseReader reader = new SseReader();
        for (SseReader.Event event : reader.feed(sse, 0, sse.length)) {
            events.add(
                    event.data().equals("[DONE]")
                            ? JSON.getNodeFactory().textNode("[DONE]")
                            : tree(event.data().getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }

    /** A built tree as parsed from its JSON, so numbers compare by value (a long 1 equals a parsed int 1). */
    static JsonNode reparsed(JsonNode built) {
        return tree(built.toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static byte[] read(String resource) {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
