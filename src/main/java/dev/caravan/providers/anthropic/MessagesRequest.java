package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.ApiRequest;
import java.io.IOException;

/** A parsed Anthropic Messages request and the exact bytes to send upstream: the client's own while nothing changed. */
public record MessagesRequest(ObjectNode json, byte[] upstreamBody, String model, boolean stream)
        implements ApiRequest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Parses and checks the fields the gateway relies on; anything else is the provider's to judge. */
    public static MessagesRequest parse(byte[] raw) {
        JsonNode root;
        try {
            root = raw == null || raw.length == 0 ? null : JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw invalid("the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw invalid("the request body could not be read");
        }
        if (!(root instanceof ObjectNode body)) {
            throw invalid("the request body must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("model: a non-empty string is required");
        }
        if (!body.path("messages").isArray()) {
            throw invalid("messages: an array is required");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw invalid("stream: must be a boolean");
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
        if (targetModel.equals(model)) {
            return upstreamBody;
        }
        ObjectNode copy = json.deepCopy();
        copy.put("model", targetModel);
        return write(copy);
    }

    private static byte[] write(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(ApiError.INVALID_JSON, message);
    }
}
