package dev.caravan.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatStreamTranslator;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.TranslatedRequest;
import java.util.Map;

/** OpenAI Chat Completions to Gemini's native {@code generateContent} / {@code streamGenerateContent} and back. */
public final class GeminiTranslator implements ChatTranslator {
    @Override
    public String api() {
        return "gemini";
    }

    @Override
    public TranslatedRequest request(ObjectNode chat, String model) {
        return GeminiRequests.translate(chat, model);
    }

    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of("x-goog-api-key", key);
    }

    @Override
    public ObjectNode response(JsonNode answer, String model, long created) {
        return GeminiAnswers.response(answer, model, created);
    }

    @Override
    public ChatStreamTranslator stream(String model, long created) {
        return new GeminiStream(model, created);
    }

    @Override
    public ObjectNode error(int status, byte[] body) {
        return GeminiAnswers.error(status, body);
    }
}
