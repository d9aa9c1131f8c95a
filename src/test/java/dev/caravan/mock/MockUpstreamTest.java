package dev.caravan.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.caravan.mock.MockUpstream.ReceivedRequest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the mock upstream over real HTTP, the way the gateway, demo and benchmarks will. */
final class MockUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MockUpstream mock;

    @BeforeEach
    void startMock() throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
    }

    @AfterEach
    void stopMock() {
        mock.close();
    }

    @Test
    void plainRequestIsEchoedWithWordCountUsage() throws Exception {
        HttpResponse<String> response = chat(
                """
        {"model": "mock", "messages": [
          {"role": "system", "content": "be brief"},
          {"role": "user", "content": "hello there"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").asText()).startsWith("chatcmpl-mock-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("model").asText()).isEqualTo("mock");
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("echo: hello there");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void textPartsOfTheLastUserMessageAreEchoed() throws Exception {
        JsonNode body = JSON.readTree(
                chat("""
        {"model": "mock", "messages": [
          {"role": "user", "content": "first question"},
          {"role": "assistant", "content": "an answer"},
          {"role": "user", "content": [
            {"type": "text", "text": "second"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
            {"type": "text", "text": "question"}]}]}""")
                        .body());

        assertThat(body.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("echo: second question");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void modelNameBeforeTheKnobsIsEchoedBack() throws Exception {
        JsonNode body = JSON.readTree(
                chat(request("gpt-4o-mini?delay_ms=0", "hi", false)).body());

        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void offeringToolsAnswersWithACallToTheFirstTool() throws Exception {
        JsonNode body = JSON.readTree(
                chat("""
        {"model": "mock", "messages": [{"role": "user", "content": "weather?"}],
         "tools": [
           {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}},
           {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}}]}""")
                        .body());

        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("call_mock_1");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"echo\":\"weather?\"}");
    }

    @Test
    void streamWithIncludeUsageSendsContentChunksThenAUsageChunkThenDone() throws Exception {
        HttpResponse<String> response = chat(
                """
        {"model": "mock?chunks=4", "stream": true, "stream_options": {"include_usage": true},
         "messages": [{"role": "user", "content": "stream me please"}]}""");

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        List<String> data = data(response.body());
        assertThat(data).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = chunks(data);
        assertThat(chunks).hasSize(1 + 4 + 1 + 1);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("id").asText())
                    .isEqualTo(chunks.get(0).path("id").asText());
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo("mock");
        });
        assertThat(chunks.get(0)
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("role")
                        .asText())
                .isEqualTo("assistant");
        assertThat(contentOf(chunks.subList(1, 5))).isEqualTo("echo: stream me please");
        JsonNode finish = chunks.get(5);
        assertThat(finish.path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
        assertThat(delta(finish).isEmpty()).isTrue();
        assertThat(chunks.subList(0, 6))
                .allSatisfy(chunk -> assertThat(chunk.path("usage").isNull()).isTrue());
        JsonNode usage = chunks.get(6);
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> mock.completedStreams() == 1);
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
        List<String> data = data(chat(request("mock", "no usage please", true)).body());

        List<JsonNode> chunks = chunks(data);
        assertThat(data).last().isEqualTo("[DONE]");
        assertThat(chunks).hasSize(1 + 5 + 1);
        assertThat(chunks).noneMatch(chunk -> chunk.has("usage"));
        assertThat(chunks.get(6).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
    }

    @Test
    void shortEchoIsPaddedSoEveryChunkCarriesText() throws Exception {
        List<JsonNode> chunks =
                chunks(data(chat(request("mock?chunks=20", "hi", true)).body()));

        assertThat(contentOf(chunks.subList(1, 21))).startsWith("echo: hi");
    }

    @Test
    void streamedToolCallSplitsTheArgumentsOverTheChunks() throws Exception {
        List<JsonNode> chunks = chunks(data(
                chat("""
        {"model": "mock?chunks=3", "stream": true, "messages": [{"role": "user", "content": "weather?"}],
         "tools": [{"type": "function", "function": {"name": "get_weather"}}]}""")
                        .body()));

        assertThat(chunks).hasSize(1 + 1 + 3 + 1);
        JsonNode header = delta(chunks.get(1)).path("tool_calls").path(0);
        assertThat(header.path("index").asInt()).isZero();
        assertThat(header.path("id").asText()).isEqualTo("call_mock_1");
        assertThat(header.path("type").asText()).isEqualTo("function");
        assertThat(header.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(header.path("function").path("arguments").asText()).isEmpty();
        String arguments = chunks.subList(2, 5).stream()
                .map(chunk -> delta(chunk)
                        .path("tool_calls")
                        .path(0)
                        .path("function")
                        .path("arguments")
                        .asText())
                .collect(Collectors.joining());
        assertThat(arguments).isEqualTo("{\"echo\":\"weather?\"}");
        assertThat(chunks.get(5).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void statusKnobAnswersWithAnOpenAiErrorBodyAndTheUsualHeaders() throws Exception {
        HttpResponse<String> response = chat(request("mock?status=503", "hi", false));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-request-id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("req_mock_"));
        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests"))
                .hasValue("999");
        assertThat(response.headers().firstValue("openai-processing-ms")).hasValue("1");
        assertThat(response.headers().firstValue("x-mock-server")).hasValue("caravan-mock");
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("mock error 503");
        assertThat(error.path("type").asText()).isEqualTo("mock_error");
        assertThat(error.path("code").asText()).isEqualTo("mock_503");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("param").isNull()).isTrue();
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() throws Exception {
        HttpResponse<String> response = chat(request("mock?status=429", "hi", false));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    }

    @Test
    void cutStreamBreaksOffWithoutEverDeliveringDone() throws Exception {
        BodyCollector collector = new BodyCollector();

        Throwable broken = catchThrowable(() -> CLIENT.send(
                post(request("mock?chunks=5&cut_after=2", "cut me off early", true)),
                BodyHandlers.fromSubscriber(collector)));

        // HttpServer drops the socket before the terminating chunk, so the client sees a broken body.
        assertThat(broken).isInstanceOf(IOException.class);
        List<String> data = data(collector.text());
        assertThat(data).doesNotContain("[DONE]");
        List<JsonNode> chunks = chunks(data);
        assertThat(chunks).hasSize(1 + 2);
        assertThat(chunks).noneMatch(chunk -> chunk.path("choices").path(0).hasNonNull("finish_reason"));
        assertThat(mock.completedStreams()).isZero();
        assertThat(mock.abortedStreams()).isZero();
    }

    @Test
    void clientThatCancelsMidStreamIsCountedAsAborted() throws Exception {
        HttpResponse<InputStream> response = CLIENT.send(
                post(request("mock?chunks=50&chunk_delay_ms=20", "long answer", true)), BodyHandlers.ofInputStream());

        try (BufferedReader reader = reader(response.body())) {
            assertThat(reader.readLine()).startsWith("data: ");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> mock.abortedStreams() == 1);
        assertThat(mock.completedStreams()).isZero();
    }

    @Test
    void delayKnobHoldsTheResponseBack() throws Exception {
        long start = System.nanoTime();

        HttpResponse<String> response = chat(request("mock?delay_ms=300", "hi", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void redirectKnobAnswers307WithTheLocation() throws Exception {
        String target = "http://elsewhere.test:8080/v1/chat/completions?a=1&b=2";
        HttpResponse<String> response =
                chat(request("mock?redirect_to=" + URLEncoder.encode(target, StandardCharsets.UTF_8), "hi", false));

        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(response.headers().firstValue("location")).hasValue(target);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void unknownKnobIsRejectedSoTyposFailLoudly() throws Exception {
        HttpResponse<String> response = chat(request("mock?chunk=3", "hi", false));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("chunk");
    }

    @Test
    void receivedRequestsKeepLowerCasedHeadersAndTheExactBodyBytes() throws Exception {
        String body = "{ \"model\":\"mock\",\n\t\"messages\":[{\"role\":\"user\",\"content\":\"héllo ✓\"}] }  ";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CLIENT.send(
                HttpRequest.newBuilder(chatUri())
                        .header("X-Trace-ID", "Abc-123")
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofByteArray(bytes))
                        .build(),
                BodyHandlers.ofString());

        List<ReceivedRequest> received = mock.received();
        assertThat(received).hasSize(1);
        ReceivedRequest request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers().keySet())
                .allSatisfy(name -> assertThat(name).isLowerCase());
        assertThat(request.headers()).containsEntry("x-trace-id", List.of("Abc-123"));
        assertThat(request.header("X-TRACE-ID")).isEqualTo("Abc-123");
        assertThat(request.header("x-absent")).isNull();
        assertThat(request.body()).isEqualTo(bytes);
        assertThat(request.bodyText()).isEqualTo(body);
    }

    @Test
    void clearForgetsRequestsAndStreamCounts() throws Exception {
        chat(request("mock", "hi", true));
        await().atMost(Duration.ofSeconds(5)).until(() -> mock.completedStreams() == 1);

        mock.clear();

        assertThat(mock.received()).isEmpty();
        assertThat(mock.completedStreams()).isZero();
    }

    @Test
    void modelsListOffersTheMockModel() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/models")).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").path(0).path("id").asText()).isEqualTo("mock");
        assertThat(body.path("data").path(0).path("owned_by").asText()).isEqualTo("caravan");
    }

    @Test
    void unknownPathAnswers404NotFound() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/audio/speech"))
                        .POST(BodyPublishers.ofString("{}"))
                        .build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-mock-server")).hasValue("caravan-mock");
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
                .isEqualTo("not_found");
    }

    @Test
    void openAiJavaSdkAcceptsTheAnswersWithValidationOn() {
        OpenAIClient sdk = OpenAIOkHttpClient.builder()
                .baseUrl(mock.baseUrl())
                .apiKey("sk-mock")
                .maxRetries(0)
                .responseValidation(true)
                .build();
        try {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                    .model("mock")
                    .addUserMessage("hello sdk")
                    .build();

            ChatCompletion completion = sdk.chat().completions().create(params);
            String streamed;
            try (StreamResponse<ChatCompletionChunk> stream =
                    sdk.chat().completions().createStreaming(params)) {
                streamed = stream.stream()
                        .flatMap(chunk -> chunk.choices().stream())
                        .map(choice -> choice.delta().content().orElse(""))
                        .collect(Collectors.joining());
            }

            assertThat(completion.choices().get(0).message().content()).hasValue("echo: hello sdk");
            assertThat(streamed).isEqualTo("echo: hello sdk");
        } finally {
            sdk.close();
        }
    }

    @Test
    void anthropicMessagesAreAnsweredInTheMessagesShape() throws Exception {
        HttpResponse<String> response = messages(
                """
        {"model": "claude-mock", "max_tokens": 50, "system": "be brief",
         "messages": [{"role": "user", "content": [{"type": "text", "text": "hello there"}]}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("id").asText()).startsWith("msg_mock_");
        assertThat(body.path("content").path(0).path("text").asText()).isEqualTo("echo: hello there");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.path("usage").path("input_tokens").asInt()).isEqualTo(4);
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void anthropicMessagesStreamAsNamedEventsEndingWithMessageStop() throws Exception {
        HttpResponse<String> response = messages(
                """
        {"model": "claude-mock?chunks=3", "max_tokens": 50, "stream": true,
         "messages": [{"role": "user", "content": "hello there"}]}""");

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String event : response.body().split("\n\n")) {
            String[] lines = event.split("\n");
            assertThat(lines[0]).startsWith("event: ");
            String name = lines[0].substring(7);
            JsonNode data = JSON.readTree(lines[1].substring(6));
            assertThat(data.path("type").asText()).isEqualTo(name);
            names.add(name);
            text.append(data.path("delta").path("text").asText(""));
        }
        assertThat(names)
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(text.toString()).isEqualTo("echo: hello there");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    private HttpResponse<String> messages(String body) throws IOException, InterruptedException {
        return postTo("/messages", body);
    }

    private HttpResponse<String> postTo(String path, String body) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + path))
                        .header("content-type", "application/json")
                        .POST(BodyPublishers.ofString(body))
                        .build(),
                BodyHandlers.ofString());
    }

    @Test
    void aResponsesStreamHasTypedNumberedEventsAndNoDone() throws Exception {
        HttpResponse<String> response =
                postTo("/responses", "{\"model\":\"mock?chunks=3\",\"stream\":true,\"input\":\"hello there\"}");

        String[] events = response.body().strip().split("\n\n");
        assertThat(events[0]).startsWith("event: response.created\ndata: {");
        assertThat(events[events.length - 1]).startsWith("event: response.completed\n");
        assertThat(response.body()).doesNotContain("[DONE]");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < events.length; i++) {
            JsonNode data = JSON.readTree(events[i].substring(events[i].indexOf("data: ") + 6));
            assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
            if (data.path("type").asText().equals("response.output_text.delta")) {
                text.append(data.path("delta").asText());
            }
        }
        assertThat(text.toString()).isEqualTo("echo: hello there");
    }

    @Test
    void embeddingsAreOneVectorPerInputAsFloatsOrBase64() throws Exception {
        JsonNode floats = JSON.readTree(postTo("/embeddings", "{\"model\":\"e\",\"input\":[\"a b\",\"c\"]}")
                .body());
        JsonNode base64 = JSON.readTree(
                postTo("/embeddings", "{\"model\":\"e\",\"input\":\"a b\",\"encoding_format\":\"base64\"}")
                        .body());

        assertThat(floats.path("data")).hasSize(2);
        assertThat(floats.path("data").path(0).path("embedding")).hasSize(8);
        assertThat(floats.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(java.util.Base64.getDecoder()
                        .decode(base64.path("data").path(0).path("embedding").asText()))
                .hasSize(32);
    }

    private HttpResponse<String> chat(String body) throws IOException, InterruptedException {
        return CLIENT.send(post(body), BodyHandlers.ofString());
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(chatUri())
                .header("content-type", "application/json")
                .POST(BodyPublishers.ofString(body))
                .build();
    }

    private URI chatUri() {
        return URI.create(mock.baseUrl() + "/chat/completions");
    }

    private static String request(String model, String userText, boolean stream) {
        var request = JSON.createObjectNode().put("model", model).put("stream", stream);
        request.putArray("messages").addObject().put("role", "user").put("content", userText);
        return request.toString();
    }

    private static List<String> data(String sse) {
        return sse.lines()
                .filter(line -> line.startsWith("data: "))
                .map(line -> line.substring(6))
                .toList();
    }

    private static List<JsonNode> chunks(List<String> data) throws IOException {
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : data) {
            if (!event.equals("[DONE]")) {
                chunks.add(JSON.readTree(event));
            }
        }
        return chunks;
    }

    private static JsonNode delta(JsonNode chunk) {
        return chunk.path("choices").path(0).path("delta");
    }

    private static BufferedReader reader(InputStream body) {
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** Keeps every byte that arrived before the body failed, which an InputStream body may drop. */
    private static final class BodyCollector implements Flow.Subscriber<List<ByteBuffer>> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] part = new byte[buffer.remaining()];
                buffer.get(part);
                bytes.writeBytes(part);
            }
        }

        @Override
        public void onError(Throwable failure) {}

        @Override
        public void onComplete() {}

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The text the content chunks carry, each of which must carry some. */
    private static String contentOf(List<JsonNode> content) {
        assertThat(content)
                .allSatisfy(chunk ->
                        assertThat(delta(chunk).path("content").asText()).isNotEmpty());
        return content.stream()
                .map(chunk -> delta(chunk).path("content").asText())
                .collect(Collectors.joining());
    }
}
