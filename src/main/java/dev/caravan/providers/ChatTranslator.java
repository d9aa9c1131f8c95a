package dev.caravan.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
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

    /**
     * The headers to send once the URL and body are final: these headers plus {@link #authHeaders} for most providers;
     * a provider that signs each request (Bedrock's SigV4) overrides this. {@code key} may be null (no key to send).
     */
    default Map<String, String> sign(URI url, Map<String, String> headers, byte[] body, String key) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        if (key != null) {
            out.putAll(authHeaders(key));
        }
        return out;
    }

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

    /**
     * As {@link #error(int, byte[])}, for an API that names the error in a response header (Bedrock's
     * {@code x-amzn-ErrorType}); {@code header} reads the upstream's headers. By default the headers are not read.
     */
    default ObjectNode error(int status, java.util.function.UnaryOperator<String> header, byte[] body) {
        return error(status, body);
    }
}
