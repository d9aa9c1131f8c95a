package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.JsonBody;

/** A parsed Anthropic Messages request and the exact bytes to send upstream: the client's own while nothing changed. */
public record MessagesRequest(ObjectNode json, byte[] upstreamBody, String model, boolean stream)
        implements ApiRequest {
    /** Parses and checks the fields the gateway relies on; anything else is the provider's to judge. */
    public static MessagesRequest parse(byte[] raw) {
        ObjectNode body = JsonBody.read(raw);
        String model = JsonBody.model(body);
        if (!body.path("messages").isArray()) {
            throw JsonBody.invalid("'messages' is required and must be an array");
        }
        return new MessagesRequest(body, raw, model, JsonBody.stream(body));
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
        return new MessagesRequest(json, JsonBody.write(json), model, stream);
    }

    /** The bytes to send to a route target that serves this request under another model name. */
    @Override
    public byte[] upstreamBodyFor(String targetModel) {
        return targetModel.equals(model) ? upstreamBody : JsonBody.withModel(json, targetModel);
    }
}
