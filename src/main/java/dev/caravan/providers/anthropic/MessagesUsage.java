package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.call.Usage;

/**
 * Reads a Messages {@code usage} object in the gateway's terms: prompt tokens include those read from and written to
 * the prompt cache (Anthropic counts them apart from {@code input_tokens}), and the cached tokens are those read.
 */
public final class MessagesUsage {
    private MessagesUsage() {}

    /** The usage an answer (or a stream's {@code message_start} message) carries, or null when it carries none. */
    public static Usage of(JsonNode message) {
        return read(message.path("usage"));
    }

    /** The usage of one {@code usage} object, or null when it is not one. */
    public static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long read = usage.path("cache_read_input_tokens").asLong(0);
        long prompt = usage.path("input_tokens").asLong(0)
                + read
                + usage.path("cache_creation_input_tokens").asLong(0);
        long completion = usage.path("output_tokens").asLong(0);
        return new Usage(prompt, completion, prompt + completion, read, 0);
    }
}
