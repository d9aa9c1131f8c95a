package dev.caravan.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every cross-provider translator passes: a subclass gives the translator and says, in its provider's
 * terms, where things land in a native request and what native answers, streams and errors look like.
 */
public abstract class ChatTranslatorContract {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final long CREATED = 1_700_000_000L;

    protected abstract ChatTranslator translator();

    /** The system prompt of a native request, as one text. */
    protected abstract String systemOf(JsonNode nativeRequest);

    /** Every text of the native request's conversation (not the system prompt), in order. */
    protected abstract List<String> textsOf(JsonNode nativeRequest);

    /** The names of the tools the native request declares. */
    protected abstract List<String> toolsOf(JsonNode nativeRequest);

    /** The tool results the native request carries, as texts. */
    protected abstract List<String> toolResultsOf(JsonNode nativeRequest);

    protected abstract List<String> stopSequencesOf(JsonNode nativeRequest);

    /** A native answer with this text, stopped normally, with this usage. */
    protected abstract String answer(String text, long promptTokens, long completionTokens);

    /** A native answer cut by the output token limit. */
    protected abstract String answerCutByLength(String text);

    /** A native answer calling one tool with these arguments. */
    protected abstract String toolCallAnswer(String tool, String argumentsJson);

    /** A native stream (SSE bytes) of these text deltas, ending normally with this usage. */
    protected abstract String textStream(List<String> deltas, long promptTokens, long completionTokens);

    /** A native stream of one tool call whose arguments arrive in these parts (joined when the provider sends whole calls). */
    protected abstract String toolStream(String tool, List<String> argumentParts);

    /** A native error body saying this message, sent with a 429. */
    protected abstract String rateLimitError(String message);

    private final ChatTranslator translator = translator();

    @Test
    void aUserTextGoesUpstreamAndTheAnswerTextComesBack() {
        JsonNode upstream = translate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Bonjour\"}]}");
        assertThat(textsOf(upstream)).containsExactly("Bonjour");
        ObjectNode answer = translator.response(tree(answer("Salut", 3, 2)), "m", CREATED);
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("Salut");
        assertThat(answer.path("choices").path(0).path("message").path("role").asText())
                .isEqualTo("assistant");
    }

    @Test
    void systemAndDeveloperMessagesBecomeTheSystemPromptNotATurn() {
        JsonNode upstream = translate("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(systemOf(upstream)).isEqualTo("Be brief.");
        assertThat(textsOf(upstream)).containsExactly("Hi");
    }

    @Test
    void toolsToolCallsAndToolResultsAreCarriedBothWays() {
        JsonNode upstream = translate("{\"model\":\"m\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather in Oslo?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_9\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":\"-3 C\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}");
        assertThat(toolsOf(upstream)).containsExactly("get_weather");
        assertThat(toolResultsOf(upstream)).containsExactly("-3 C");
        JsonNode call = translator
                .response(tree(toolCallAnswer("get_weather", "{\"city\":\"Oslo\"}")), "m", CREATED)
                .path("choices")
                .path(0);
        assertThat(call.path("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode function = call.path("message").path("tool_calls").path(0).path("function");
        assertThat(function.path("name").asText()).isEqualTo("get_weather");
        assertThat(tree(function.path("arguments").asText())).isEqualTo(tree("{\"city\":\"Oslo\"}"));
        assertThat(call.path("message").path("tool_calls").path(0).path("id").asText())
                .isNotEmpty();
    }

    @Test
    void stopSequencesAreCarriedWhetherOneOrMany() {
        assertThat(stopSequencesOf(translate("{\"model\":\"m\",\"messages\":[],\"stop\":\"END\"}")))
                .containsExactly("END");
        assertThat(stopSequencesOf(translate("{\"model\":\"m\",\"messages\":[],\"stop\":[\"a\",\"b\"]}")))
                .containsExactly("a", "b");
    }

    @Test
    void streamedTextDeltasArriveInOrderAndTheStreamEndsWithDone() {
        List<JsonNode> events = stream(textStream(List.of("Hel", "lo, ", "world"), 5, 3));
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            event.path("choices")
                    .forEach(c -> text.append(c.path("delta").path("content").asText("")));
        }
        assertThat(text).hasToString("Hello, world");
        assertThat(events.get(0).path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(events.get(events.size() - 1).asText()).isEqualTo("[DONE]");
    }

    @Test
    void streamedToolCallArgumentsJoinIntoTheCallsArguments() {
        List<JsonNode> events = stream(toolStream("get_weather", List.of("{\"ci", "ty\": \"Os", "lo\"}")));
        StringBuilder arguments = new StringBuilder();
        String name = null;
        String finish = null;
        for (JsonNode event : events) {
            for (JsonNode choice : event.path("choices")) {
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    assertThat(call.path("index").asInt()).isZero();
                    name = call.path("function").has("name")
                            ? call.path("function").path("name").asText()
                            : name;
                    arguments.append(call.path("function").path("arguments").asText(""));
                }
                finish = choice.path("finish_reason").isTextual()
                        ? choice.path("finish_reason").asText()
                        : finish;
            }
        }
        assertThat(name).isEqualTo("get_weather");
        assertThat(tree(arguments.toString())).isEqualTo(tree("{\"city\":\"Oslo\"}"));
        assertThat(finish).isEqualTo("tool_calls");
    }

    @Test
    void finishReasonsAreOpenAisStopAndLength() {
        assertThat(translator
                        .response(tree(answer("done", 1, 1)), "m", CREATED)
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("stop");
        assertThat(translator
                        .response(tree(answerCutByLength("trunc")), "m", CREATED)
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("length");
    }

    @Test
    void usageIsReportedInOpenAisTermsForAnswersAndStreams() {
        JsonNode usage =
                translator.response(tree(answer("x", 11, 7)), "m", CREATED).path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(11);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(7);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(18);
        List<JsonNode> events = stream(textStream(List.of("x"), 13, 4));
        JsonNode last = events.get(events.size() - 2);
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage").path("prompt_tokens").asLong()).isEqualTo(13);
        assertThat(last.path("usage").path("completion_tokens").asLong()).isEqualTo(4);
        assertThat(last.path("usage").path("total_tokens").asLong()).isEqualTo(17);
    }

    @Test
    void aProviderErrorBecomesAnOpenAiErrorBody() {
        JsonNode error = translator
                .error(429, rateLimitError("Slow down, please.").getBytes(StandardCharsets.UTF_8))
                .path("error");
        assertThat(error.path("message").asText()).isEqualTo("Slow down, please.");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.has("code")).isTrue();
        assertThat(error.has("param")).isTrue();
        JsonNode notJson = translator
                .error(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8))
                .path("error");
        assertThat(notJson.path("message").asText()).isEqualTo("<html>Bad Gateway</html>");
        assertThat(notJson.path("type").asText()).isEqualTo("api_error");
    }

    @Test
    void unsupportedParametersAreListedAsDroppedAndTheGatewaysOwnAreNot() {
        TranslatedRequest request = translator.request(
                (ObjectNode) tree("{\"model\":\"m\",\"messages\":[],\"logprobs\":true,\"logit_bias\":{\"50256\":-100},"
                        + "\"n\":1,\"stream\":true,\"stream_options\":{\"include_usage\":true}}"),
                "target");
        assertThat(request.dropped()).containsExactly("logprobs", "logit_bias");
        assertThat(request.body().toString()).doesNotContain("logit_bias", "stream_options", "include_usage");
    }

    @Test
    void aStreamCutBeforeItsEndGetsNoDone() {
        String whole = textStream(List.of("never", " finished"), 5, 3);
        int event = whole.lastIndexOf("event:", whole.indexOf(" finished"));
        String cut = whole.substring(0, event >= 0 ? event : whole.lastIndexOf("data:", whole.indexOf(" finished")));
        List<JsonNode> events = stream(cut);
        assertThat(events).isNotEmpty();
        assertThat(events).noneMatch(e -> e.isTextual() && e.asText().equals("[DONE]"));
    }

    private JsonNode translate(String chat) {
        return translator.request((ObjectNode) tree(chat), "target-model").body();
    }

    private List<JsonNode> stream(String sse) {
        return GoldenFilesTest.openAiEvents(
                GoldenFilesTest.translate(translator.stream("m", CREATED), sse.getBytes(StandardCharsets.UTF_8)));
    }

    protected static JsonNode tree(String json) {
        return GoldenFilesTest.tree(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    protected static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }
}
