package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.JsonBodies;

/** A parsed Anthropic Messages request and the exact bytes to send upstream: the client's own while nothing changed. */
public record MessagesRequest(ObjectNode json, byte[] upstreamBody, String model, boolean stream)
        implements ApiRequest {
    /** Parses and checks the fields the gateway relies on; anything else is the provider's to judge. */
    public static MessagesRequest parse(byte[] raw) {
        ObjectNode body = JsonBodies.object(raw);
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw JsonBodies.invalid("model: a non-empty string is required");
        }
        if (!body.path("messages").isArray()) {
            throw JsonBodies.invalid("messages: an array is required");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw JsonBodies.invalid("stream: must be a boolean");
        }
        return new MessagesRequest(body, raw, model.asText(), stream != null && stream.asBoolean());
    }

    @Override
    public MessagesTexts promptTexts() {
        return MessagesTexts.ofRequest(json);
    }

    @Override
    public long maxOutputTokens(long fallback) {
        return Math.max(0, json.path("max_tokens").asLong(fallback));
    }

    /** Prompt characters / 4 (system, messages, tool results and tool inputs) plus {@code max_tokens}. */
    @Override
    public long tokenEstimate() {
        long characters = 0;
        for (ScanText text : promptTexts().texts()) {
            characters += text.text().length();
        }
        JsonNode cap = json.get("max_tokens");
        return characters / 4 + (cap != null && cap.canConvertToLong() ? Math.max(0, cap.asLong()) : 0);
    }

    /** This request after the gateway changed its JSON tree (masked texts): the tree re-serialised. */
    @Override
    public MessagesRequest rewritten() {
        return new MessagesRequest(json, write(json), model, stream);
    }

    /** The bytes to send to a route target that serves this request under another model name. */
    @Override
    public byte[] upstreamBodyFor(String targetModel) {
        return JsonBodies.forModel(json, upstreamBody, model, targetModel);
    }

    private static byte[] write(ObjectNode body) {
        return JsonBodies.bytes(body);
    }
}
