package dev.caravan.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Translates one OpenAI Chat Completions call to a provider's native API and its answers back to OpenAI chat shape.
 * Stateless; the only per-call state is the {@link ChatStreamTranslator} of a stream.
 */
public interface ChatTranslator {
    /** The API name a route target writes ({@code api: anthropic}). */
    String api();

    /** The native request for {@code model}: its body, its path below the target's base URL, its dropped params. */
    TranslatedRequest request(ObjectNode chat, String model);

    /** The headers that carry the provider key (and whatever else the provider requires on every call). */
    Map<String, String> authHeaders(String key);

    /** A native non-streamed answer as a {@code chat.completion}; {@code created} in epoch seconds. */
    ObjectNode response(JsonNode answer, String model, long created);

    /** A fresh reader of one native stream's framing (server-sent events unless the provider frames otherwise). */
    default NativeEvents events() {
        return new SseReader();
    }

    /** A fresh translator for one native stream, answering {@code chat.completion.chunk} events. */
    ChatStreamTranslator stream(String model, long created);

    /** A native error body (any bytes) as an OpenAI error body; the HTTP status is kept by the caller. */
    ObjectNode error(int status, byte[] body);
}
