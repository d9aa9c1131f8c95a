package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A rough up-front token count of a Chat Completions request: prompt characters / 4 plus the completion cap. */
public final class ChatTokenEstimate {
    private ChatTokenEstimate() {}

    public static long of(ObjectNode body) {
        long characters = 0;
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                characters += content.asText().length();
            } else {
                for (JsonNode part : content) {
                    characters += part.path("text").asText("").length();
                }
            }
        }
        JsonNode cap =
                body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        long completion = cap != null && cap.canConvertToLong() ? Math.max(0, cap.asLong()) : 0;
        return characters / 4 + completion;
    }
}
