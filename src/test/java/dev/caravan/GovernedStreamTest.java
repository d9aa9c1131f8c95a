package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed answers under the default completion policy (plus one denied word): masked token by token, denied
 * mid-stream with {@code content_filter}, never buffered, and always reassembled by the official SDK.
 */
class GovernedStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY =
            """
            guardrails:
              custom:
                - name: forbidden
                  keywords: [kaboom]
                  action: deny
                  phases: [completion]
            """;

    static MockUpstream mock;
    static TestGateway gateway;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-governed", ".yaml");
        Files.writeString(config, POLICY);
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
        client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey("sk-test-governed-streams")
                .putHeader("X-Caravan-Upstream", mock.baseUrl())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    @BeforeEach
    void forget() {
        mock.clear();
    }

    private static String replying(String reply, String knobs) {
        return "mock?reply=" + URLEncoder.encode(reply, StandardCharsets.UTF_8) + "&" + knobs;
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("please answer")
                .build();
    }

    /** Streams through the SDK and reassembles the answer as the SDK's own accumulator does. */
    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static String content(ChatCompletion completion) {
        return completion.choices().get(0).message().content().orElse("");
    }

    /** The raw events of a streamed call, each with the milliseconds since the request was sent. */
    private record Event(String data, long atMillis) {}

    private static List<Event> events(String model) throws IOException, InterruptedException {
        String body = JSON.createObjectNode()
                .put("model", model)
                .put("stream", true)
                .set(
                        "messages",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode().put("role", "user").put("content", "please answer")))
                .toString();
        HttpRequest request = Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("authorization", "Bearer sk-test-governed-streams")
                .header("x-caravan-upstream", mock.baseUrl())
                .build();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response =
                Http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    events.add(new Event(line, (System.nanoTime() - start) / 1_000_000));
                }
            }
        }
        return events;
    }

    private static String contentOf(Event event) {
        if (!event.data().startsWith("data: {")) {
            return "";
        }
        try {
            JsonNode delta = JSON.readTree(event.data().substring(6))
                    .path("choices")
                    .path(0)
                    .path("delta");
            return delta.path("content").asText("");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSecretSplitAcrossThreeChunksNeverReachesTheClientWhole() throws Exception {
        String key = DefaultGuardrailsTest.projectKey(new Random(41));
        String reply = "Use " + key + " in the header.";

        List<Event> events = events(replying(reply, "chunks=3"));
        ChatCompletion completion = accumulate(ask(replying(reply, "chunks=3")));

        assertThat(content(completion)).isEqualTo("Use [REDACTED:secret] in the header.");
        assertThat(events)
                .noneMatch(e ->
                        e.data().contains(key.substring(20, 30)) || e.data().contains(key.substring(100, 110)));
        assertThat(events.get(events.size() - 1).data()).isEqualTo("data: [DONE]");
    }

    @Test
    void aCardNumberStreamedDigitByDigitArrivesMasked() throws Exception {
        String card = DefaultGuardrailsTest.visa(new Random(42));
        String reply = "Charge " + card + " today.";

        ChatCompletion completion = accumulate(ask(replying(reply, "chunks=" + reply.length())));
        List<Event> events = events(replying(reply, "chunks=" + reply.length()));

        assertThat(content(completion)).isEqualTo("Charge [REDACTED:pii_card] today.");
        assertThat(events.stream().map(GovernedStreamTest::contentOf)).noneMatch(c -> c.matches(".*\\d.*"));
    }

    @Test
    void aPemPrivateKeyStreamedOverManyChunksArrivesMasked() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        String reply = "Here:\n-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\nDone.";

        ChatCompletion completion = accumulate(ask(replying(reply, "chunks=120")));

        assertThat(content(completion)).isEqualTo("Here:\n[REDACTED:secret]\nDone.");
    }

    @Test
    void aCleanTwoKilobyteAnswerInTwentyDeltasIsReleasedAsItStreams() throws Exception {
        StringBuilder reply = new StringBuilder();
        Random random = new Random(43);
        String[] words = {"streams", "arrive", "in", "order", "while", "the", "gateway", "checks", "each", "delta"};
        while (reply.length() < 2048) {
            reply.append(words[random.nextInt(words.length)]).append(' ');
        }

        List<Event> events = events(replying(reply.toString().strip(), "chunks=20&chunk_delay_ms=60"));

        List<Event> content =
                events.stream().filter(e -> !contentOf(e).isEmpty()).toList();
        long last = content.get(content.size() - 1).atMillis();
        assertThat(content.stream().filter(e -> e.atMillis() < last - 30).count())
                .as("content events released well before the last upstream delta")
                .isGreaterThanOrEqualTo(19);
        assertThat(String.join(
                        "", content.stream().map(GovernedStreamTest::contentOf).toList()))
                .isEqualTo(reply.toString().strip());
        assertThat(events.get(0).data()).contains("\"role\":\"assistant\"");
    }

    /** A reply of {@code pieces} pieces of 7 characters each, the first one being {@code first}. */
    private static String sevenCharPieces(String first, int pieces) {
        StringBuilder reply = new StringBuilder(first);
        String filler = "we are streaming words at a steady pace to the client now ";
        while (reply.length() < 7 * pieces) {
            reply.append(filler);
        }
        reply.setLength(7 * pieces);
        return reply.toString();
    }

    /** Milliseconds from the role event to the first event with content text. */
    private static long firstContentAfterRole(List<Event> events) {
        Event role = events.get(0);
        Event content =
                events.stream().filter(e -> !contentOf(e).isEmpty()).findFirst().orElseThrow();
        return content.atMillis() - role.atMillis();
    }

    @Test
    void aFirstDeltaEndingAtABoundaryNoDetectorCanExtendIsReleasedAtOnce() throws Exception {
        // the mock sends the role event, then one 7-character piece every 150 ms
        List<Event> events = events(replying(sevenCharPieces("Hello, ", 6), "chunks=6&chunk_delay_ms=150"));

        assertThat(contentOf(events.stream()
                        .filter(e -> !contentOf(e).isEmpty())
                        .findFirst()
                        .orElseThrow()))
                .isEqualTo("Hello, ");
        assertThat(firstContentAfterRole(events)).isLessThan(225);
    }

    @Test
    void aFirstDeltaThatCouldStillGrowIsHeldForOneUpstreamGapOnly() throws Exception {
        List<Event> events = events(replying(sevenCharPieces("Greetin", 6), "chunks=6&chunk_delay_ms=150"));

        long waited = firstContentAfterRole(events);
        assertThat(waited).isGreaterThanOrEqualTo(225);
        assertThat(contentOf(events.stream()
                        .filter(e -> !contentOf(e).isEmpty())
                        .findFirst()
                        .orElseThrow()))
                .startsWith("Greetin");
    }

    @Test
    void aDeniedWordMidStreamEndsTheStreamWithContentFilterAndKeepsWhatWasReleased() throws Exception {
        String reply =
                "This is a perfectly ordinary opening sentence that streams out first. Then kaboom appears and more.";

        List<Event> events = events(replying(reply, "chunks=12&chunk_delay_ms=10"));
        ChatCompletion completion = accumulate(ask(replying(reply, "chunks=12")));

        String released = String.join(
                "", events.stream().map(GovernedStreamTest::contentOf).toList());
        assertThat(released).startsWith("This is a perfectly ordinary").doesNotContain("kaboom");
        assertThat(events.get(events.size() - 1).data()).isEqualTo("data: [DONE]");
        assertThat(events.get(events.size() - 2).data()).startsWith(": caravan-receipt ");
        assertThat(events.get(events.size() - 3).data()).contains("\"finish_reason\":\"content_filter\"");
        assertThat(completion.choices().get(0).finishReason()).hasToString("content_filter");
        assertThat(content(completion)).doesNotContain("kaboom");

        String receipt = receiptOf(events);
        assertThat(receipt).contains("\"completion\":\"deny\"").contains("custom.forbidden");
    }

    @Test
    void aDestructiveCommandStreamedInToolCallArgumentsEndsTheStream() {
        ChatCompletion completion = accumulate(withTool(replying("rm -rf / --no-preserve-root", "chunks=9")));

        var choice = completion.choices().get(0);
        assertThat(choice.finishReason()).hasToString("content_filter");
        assertThat(choice.message().toolCalls().orElse(List.of())).allSatisfy(call -> assertThat(
                        call.function().orElseThrow().function().arguments())
                .doesNotContain("rm -rf"));
    }

    @Test
    void harmlessToolCallArgumentDeltasAreReassembledUnchanged() {
        ChatCompletion completion = accumulate(withTool(replying("Paris in spring", "chunks=7")));

        var call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.function().orElseThrow().function().arguments()).isEqualTo("{\"echo\":\"Paris in spring\"}");
        assertThat(completion.choices().get(0).finishReason()).hasToString("tool_calls");
    }

    @Test
    void aMaskedStreamLeavesTheCompletionVerdictAndCountsInItsReceipt() throws Exception {
        String key = DefaultGuardrailsTest.projectKey(new Random(44));

        List<Event> events = events(replying("key " + key + " ok", "chunks=5"));

        String receipt = receiptOf(events);
        assertThat(receipt).contains("\"completion\":\"redact\"").contains("\"completion\":{\"secret\":1}");
    }

    private static ChatCompletionCreateParams withTool(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("tidy up the server")
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder().name("run_shell").build())
                        .build())
                .build();
    }

    /** The receipt named by the stream's comment line, fetched from the gateway. */
    private static String receiptOf(List<Event> events) {
        String line = events.stream()
                .map(Event::data)
                .filter(d -> d.startsWith(": caravan-receipt "))
                .findFirst()
                .orElseThrow();
        String decisionId = line.substring(line.lastIndexOf(' ') + 1);
        return Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/receipts/" + decisionId))
                        .GET()
                        .build())
                .body();
    }
}
