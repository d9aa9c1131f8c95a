package dev.caravan.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.ApiRequest;
import java.io.IOException;

/**
 * A parsed Chat Completions request and the exact bytes to send upstream: the client's own bytes when nothing
 * changed, or a re-serialisation when the gateway asked for the usage chunk of a stream.
 */
public record ChatRequest(ObjectNode json, byte[] upstreamBody, String model, boolean stream, boolean usageInjected)
        implements ApiRequest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Parses and checks the fields the gateway relies on; anything else is the provider's to judge. */
    public static ChatRequest parse(byte[] raw) {
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
            throw invalid("'model' is required and must be a non-empty string");
        }
        if (!body.path("messages").isArray()) {
            throw invalid("'messages' is required and must be an array");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw invalid("'stream' must be a boolean");
        }
        boolean streaming = stream != null && stream.asBoolean();
        if (streaming && !body.path("stream_options").path("include_usage").asBoolean(false)) {
            JsonNode options = body.get("stream_options");
            ObjectNode withUsage = options instanceof ObjectNode o ? o : body.putObject("stream_options");
            withUsage.put("include_usage", true);
            return new ChatRequest(body, write(body), model.asText(), true, true);
        }
        return new ChatRequest(body, raw, model.asText(), streaming, false);
    }

    @Override
    public ChatTexts promptTexts() {
        return ChatTexts.ofRequest(json);
    }

    @Override
    public long maxOutputTokens(long fallback) {
        long cap = json.path("max_completion_tokens")
                .asLong(json.path("max_tokens").asLong(fallback));
        return Math.max(0, cap) * Math.max(1, json.path("n").asLong(1));
    }

    @Override
    public long tokenEstimate() {
        return ChatTokenEstimate.of(json);
    }

    /** This request after the gateway changed its JSON tree (masked texts): the tree re-serialised. */
    @Override
    public ChatRequest rewritten() {
        return new ChatRequest(json, write(json), model, stream, usageInjected);
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
