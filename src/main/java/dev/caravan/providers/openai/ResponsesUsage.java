package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.call.Usage;

/** Reads the {@code usage} of a response (input, output, cached and reasoning tokens). */
public final class ResponsesUsage {
    private ResponsesUsage() {}

    /** The usage of a response object, or null when it has none. */
    public static Usage of(JsonNode response) {
        JsonNode usage = response.path("usage");
        if (!usage.isObject()) {
            return null;
        }
        long input = usage.path("input_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        return new Usage(
                input,
                output,
                usage.path("total_tokens").asLong(input + output),
                usage.path("input_tokens_details").path("cached_tokens").asLong(0),
                usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
