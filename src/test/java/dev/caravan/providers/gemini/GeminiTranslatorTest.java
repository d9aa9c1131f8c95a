package dev.caravan.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.ChatTranslatorContract;
import dev.caravan.providers.TranslatedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Gemini generateContent translator: the shared contract, and what is particular to Gemini. */
class GeminiTranslatorTest extends ChatTranslatorContract {
    @Override
    protected ChatTranslator translator() {
        return new GeminiTranslator();
    }

    @Override
    protected String systemOf(JsonNode request) {
        return request.path("systemInstruction")
                .path("parts")
                .path(0)
                .path("text")
                .asText();
    }

    @Override
    protected List<String> textsOf(JsonNode request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode content : request.path("contents")) {
            content.path("parts").forEach(part -> {
                if (part.has("text")) {
                    texts.add(part.get("text").asText());
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
        for (JsonNode content : request.path("contents")) {
            content.path("parts").forEach(part -> {
                if (part.has("functionResponse")) {
                    results.add(part.path("functionResponse")
                            .path("response")
                            .path("result")
                            .asText());
                }
            });
        }
        return results;
    }

    @Override
    protected List<String> stopSequencesOf(JsonNode request) {
        List<String> stops = new ArrayList<>();
        request.path("generationConfig").path("stopSequences").forEach(s -> stops.add(s.asText()));
        return stops;
    }

    @Override
    protected String answer(String text, long promptTokens, long completionTokens) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + quoted(text) + "}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}]," + usage(promptTokens, completionTokens)
                + ",\"modelVersion\":\"gemini-x\"}";
    }

    @Override
    protected String answerCutByLength(String text) {
        return answer(text, 1, 1).replace("\"STOP\"", "\"MAX_TOKENS\"");
    }

    @Override
    protected String toolCallAnswer(String tool, String argumentsJson) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":" + quoted(tool) + ",\"args\":"
                + argumentsJson + "}}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]," + usage(1, 1) + "}";
    }

    @Override
    protected String textStream(List<String> deltas, long promptTokens, long completionTokens) {
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < deltas.size(); i++) {
            boolean last = i == deltas.size() - 1;
            sse.append("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":")
                    .append(quoted(deltas.get(i)))
                    .append("}],\"role\":\"model\"}")
                    .append(last ? ",\"finishReason\":\"STOP\"" : "")
                    .append("}],")
                    .append(usage(promptTokens, last ? completionTokens : 0))
                    .append("}\r\n\r\n");
        }
        return sse.toString();
    }

    /** Gemini sends a whole function call in one event: the parts arrive joined. */
    @Override
    protected String toolStream(String tool, List<String> argumentParts) {
        return "data: " + toolCallAnswer(tool, String.join("", argumentParts)) + "\n\n";
    }

    @Override
    protected String rateLimitError(String message) {
        return "{\"error\":{\"code\":429,\"message\":" + quoted(message) + ",\"status\":\"RESOURCE_EXHAUSTED\"}}";
    }

    private static String usage(long prompt, long completion) {
        return "\"usageMetadata\":{\"promptTokenCount\":" + prompt + ",\"candidatesTokenCount\":" + completion
                + ",\"totalTokenCount\":" + (prompt + completion) + "}";
    }

    @Test
    void aStreamGoesToStreamGenerateContentWithSseAndAPlainCallToGenerateContent() {
        GeminiTranslator translator = new GeminiTranslator();
        TranslatedRequest plain =
                translator.request((ObjectNode) tree("{\"model\":\"a\",\"messages\":[]}"), "gemini-2.0-flash");
        TranslatedRequest streamed = translator.request(
                (ObjectNode) tree("{\"model\":\"a\",\"messages\":[],\"stream\":true}"), "models/gemini-2.0-flash");
        assertThat(plain.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
        assertThat(streamed.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
        assertThat(translator.authHeaders("k")).containsEntry("x-goog-api-key", "k");
    }

    @Test
    void aToolSchemaWithinGeminisOpenApiSubsetGoesAsParametersAndAStrictOneAsParametersJsonSchema() {
        GeminiTranslator translator = new GeminiTranslator();
        String plain = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"enum\":[\"Paris\"]},"
                + "\"days\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1}}},"
                + "\"required\":[\"city\"]}";
        String strict = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":[\"string\",\"null\"]}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false}";
        String nested = "{\"type\":\"object\",\"properties\":{\"where\":{\"$ref\":\"#/$defs/place\"}},"
                + "\"$defs\":{\"place\":{\"type\":\"string\"}}}";
        for (String[] row : new String[][] {
            {plain, "parameters"}, {strict, "parametersJsonSchema"}, {nested, "parametersJsonSchema"}
        }) {
            TranslatedRequest request = translator.request(
                    (ObjectNode) tree("{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\","
                            + "\"strict\":true,\"parameters\":" + row[0] + "}}]}"),
                    "gemini-2.0-flash");
            JsonNode declaration = request.body()
                    .path("tools")
                    .path(0)
                    .path("functionDeclarations")
                    .path(0);
            assertThat(declaration.fieldNames()).toIterable().containsExactly("name", row[1]);
            assertThat(declaration.get(row[1])).isEqualTo(tree(row[0]));
        }
    }

    @Test
    void nBecomesCandidateCountAndEachCandidateAChoice() {
        GeminiTranslator translator = new GeminiTranslator();
        TranslatedRequest request =
                translator.request((ObjectNode) tree("{\"model\":\"a\",\"messages\":[],\"n\":2}"), "g");
        assertThat(request.body()
                        .path("generationConfig")
                        .path("candidateCount")
                        .asInt())
                .isEqualTo(2);
        assertThat(request.dropped()).isEmpty();
        JsonNode answer = translator.response(
                tree(
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"STOP\",\"index\":0},"
                                + "{\"content\":{\"parts\":[{\"text\":\"b\"}]},\"finishReason\":\"SAFETY\",\"index\":1}]}"),
                "g",
                0);
        assertThat(answer.path("choices").findValuesAsText("finish_reason")).containsExactly("stop", "content_filter");
    }

    @Test
    void thinkingTokensCountAsCompletionAndReasoningTokens() {
        JsonNode usage = new GeminiTranslator()
                .response(
                        tree("{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":5,"
                                + "\"thoughtsTokenCount\":20,\"cachedContentTokenCount\":4,\"totalTokenCount\":35}}"),
                        "g",
                        0)
                .path("usage");
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(25);
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asLong())
                .isEqualTo(20);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(4);
    }
}
