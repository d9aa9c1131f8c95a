package dev.caravan.providers.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Usage;
import java.io.IOException;

/** Reads the {@code usage} object of a Chat Completions response or stream chunk. */
public final class ChatUsage {
    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    private ChatUsage() {}

    /**
     * The usage of a response body, found by walking its top-level fields and skipping the others unread, so the
     * answer itself is never built as a tree. Null when the body carries no usage or is not JSON.
     */
    public static Usage fromBody(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                    return read(parser.readValueAsTree());
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

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
