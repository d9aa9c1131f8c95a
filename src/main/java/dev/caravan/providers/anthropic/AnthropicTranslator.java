package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatStreamTranslator;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.TranslatedRequest;
import java.util.Map;

/** OpenAI Chat Completions to Anthropic Messages ({@code POST /v1/messages}) and back. */
public final class AnthropicTranslator implements ChatTranslator {
    @Override
    public String api() {
        return "anthropic";
    }

    @Override
    public TranslatedRequest request(ObjectNode chat, String model) {
        return AnthropicRequests.translate(chat, model);
    }

    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of("x-api-key", key);
    }

    @Override
    public ObjectNode response(JsonNode answer, String model, long created) {
        return AnthropicAnswers.response(answer, model, created);
    }

    @Override
    public ChatStreamTranslator stream(String model, long created) {
        return new AnthropicStream(model, created);
    }

    @Override
    public ObjectNode error(int status, byte[] body) {
        return AnthropicAnswers.error(status, body);
    }
}
