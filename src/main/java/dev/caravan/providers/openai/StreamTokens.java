package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Usage;
import dev.caravan.spend.TokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The usage of a stream that never got its usage chunk: the tokens of the text (and tool arguments) it emitted. */
public final class StreamTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamTokens() {}

    public static Usage estimate(byte[] emittedEvents, long promptTokens) {
        StringBuilder text = new StringBuilder();
        for (String line : new String(emittedEvents, StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("data:") || line.contains("[DONE]")) {
                continue;
            }
            try {
                for (JsonNode choice : JSON.readTree(line.substring(5).trim()).path("choices")) {
                    JsonNode delta = choice.path("delta");
                    text.append(delta.path("content").asText(""));
                    for (JsonNode call : delta.path("tool_calls")) {
                        text.append(call.path("function").path("arguments").asText(""));
                    }
                }
            } catch (IOException e) {
                // an event that is not JSON (a comment, an error) carries no generated text
            }
        }
        long completion = TokenCounter.count(text.toString());
        return new Usage(promptTokens, completion, promptTokens + completion, 0, 0);
    }
}
