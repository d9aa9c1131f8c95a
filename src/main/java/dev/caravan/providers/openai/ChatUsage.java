package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.call.Usage;

/** Reads the {@code usage} object of a Chat Completions response or stream chunk. */
public final class ChatUsage {
    private ChatUsage() {}

    /** The usage the object carries, or null when it carries none. */
    public static Usage of(JsonNode root) {
        return read(root.path("usage"));
    }

    private static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new Usage(
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                usage.path("total_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
