package dev.caravan.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.ChatTranslatorContract;
import dev.caravan.providers.TranslatedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages translator: the shared contract, and what is particular to Anthropic. */
class AnthropicTranslatorTest extends ChatTranslatorContract {
    @Override
    protected ChatTranslator translator() {
        return new AnthropicTranslator();
    }

    @Override
    protected String systemOf(JsonNode request) {
        return request.path("system").asText();
    }

    @Override
    protected List<String> textsOf(JsonNode request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                texts.add(content.asText());
            }
            content.forEach(block -> {
                if (block.has("text")) {
                    texts.add(block.get("text").asText());
                }
            });
        }
        return texts;
    }

    @Override
    protected List<String> toolsOf(JsonNode request) {
        return request.path("tools").findValuesAsText("name");
    }

    @Override
    protected List<String> toolResultsOf(JsonNode request) {
        List<String> results = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            message.path("content").forEach(block -> {
                if ("tool_result".equals(block.path("type").asText())) {
                    results.add(block.path("content").asText());
                }
            });
        }
        return results;
    }

    @Override
    protected List<String> stopSequencesOf(JsonNode request) {
        List<String> stops = new ArrayList<>();
        request.path("stop_sequences").forEach(s -> stops.add(s.asText()));
        return stops;
    }

    @Override
    protected String answer(String text, long promptTokens, long completionTokens) {
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
                + "\"content\":[{\"type\":\"text\",\"text\":" + quoted(text) + "}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":" + promptTokens + ",\"output_tokens\":" + completionTokens + "}}";
    }

    @Override
    protected String answerCutByLength(String text) {
        return answer(text, 1, 1).replace("end_turn", "max_tokens");
    }

    @Override
    protected String toolCallAnswer(String tool, String argumentsJson) {
        return "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":["
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":" + quoted(tool) + ",\"input\":" + argumentsJson
                + "}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
    }

    @Override
    protected String textStream(List<String> deltas, long promptTokens, long completionTokens) {
        StringBuilder sse = new StringBuilder();
        event(
                sse,
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_3\",\"model\":\"claude-x\","
                        + "\"usage\":{\"input_tokens\":" + promptTokens + ",\"output_tokens\":1}}}");
        event(
                sse,
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        for (String delta : deltas) {
            event(
                    sse,
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0," + "\"delta\":{\"type\":\"text_delta\",\"text\":"
                            + quoted(delta) + "}}");
        }
        end(sse, "end_turn", completionTokens);
        return sse.toString();
    }

    @Override
    protected String toolStream(String tool, List<String> argumentParts) {
        StringBuilder sse = new StringBuilder();
        event(
                sse,
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_4\",\"model\":\"claude-x\","
                        + "\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}");
        event(
                sse,
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":" + quoted(tool) + ",\"input\":{}}}");
        for (String part : argumentParts) {
            event(
                    sse,
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,"
                            + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + quoted(part) + "}}");
        }
        end(sse, "tool_use", 12);
        return sse.toString();
    }

    @Override
    protected String rateLimitError(String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":" + quoted(message) + "}}";
    }

    private static void end(StringBuilder sse, String stopReason, long outputTokens) {
        event(sse, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(
                sse,
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                        + "\"},\"usage\":{\"output_tokens\":" + outputTokens + "}}");
        event(sse, "message_stop", "{\"type\":\"message_stop\"}");
    }

    private static void event(StringBuilder sse, String type, String data) {
        sse.append("event: ").append(type).append("\ndata: ").append(data).append("\n\n");
    }

    @Test
    void aRequestWithoutMaxTokensGetsTheDocumentedDefault() {
        TranslatedRequest request =
                new AnthropicTranslator().request((ObjectNode) tree("{\"model\":\"m\",\"messages\":[]}"), "claude");
        assertThat(request.body().path("max_tokens").asInt()).isEqualTo(AnthropicRequests.DEFAULT_MAX_TOKENS);
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.headers()).containsEntry("anthropic-version", "2023-06-01");
    }

    @Test
    void nAboveOneAndPresencePenaltyAreDropped() {
        TranslatedRequest request = new AnthropicTranslator()
                .request(
                        (ObjectNode)
                                tree(
                                        "{\"model\":\"m\",\"messages\":[],\"n\":2,\"presence_penalty\":1,"
                                                + "\"frequency_penalty\":0.1,\"seed\":7,\"response_format\":{\"type\":\"json_object\"}}"),
                        "claude");
        assertThat(request.dropped())
                .containsExactly("n", "presence_penalty", "frequency_penalty", "seed", "response_format");
    }

    @Test
    void cacheReadsAndWritesCountAsPromptTokensAndReadsAsCached() {
        JsonNode usage = new AnthropicTranslator()
                .response(
                        tree(
                                "{\"id\":\"m\",\"content\":[],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":10,"
                                        + "\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":20,\"output_tokens\":5}}"),
                        "claude",
                        0)
                .path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(130);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(100);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(135);
    }

    @Test
    void anErrorEventMidStreamBecomesAnOpenAiErrorEvent() {
        byte[] out = new AnthropicTranslator()
                .stream("claude", 0)
                        .event(
                                "error",
                                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("data: {\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\",\"code\":null,"
                        + "\"param\":null}}\n\n");
    }
}
