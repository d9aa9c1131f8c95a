package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.BoundTexts;
import dev.caravan.providers.JsonBody;

/** A parsed Responses request: the client's bytes go upstream as they are unless a guardrail masked a text. */
public record ResponsesRequest(ObjectNode json, byte[] upstreamBody, String model, boolean stream)
        implements ApiRequest {

    /** Parses and checks the fields the gateway relies on; anything else is the provider's to judge. */
    public static ResponsesRequest parse(byte[] raw) {
        ObjectNode body = JsonBody.read(raw);
        String model = JsonBody.model(body);
        JsonNode input = body.get("input");
        if (input != null && !input.isNull() && !input.isTextual() && !input.isArray()) {
            throw JsonBody.invalid("'input' must be a string or an array of input items");
        }
        JsonNode instructions = body.get("instructions");
        if (instructions != null && !instructions.isNull() && !instructions.isTextual()) {
            throw JsonBody.invalid("'instructions' must be a string");
        }
        return new ResponsesRequest(body, raw, model, JsonBody.stream(body));
    }

    @Override
    public BoundTexts promptTexts() {
        return ResponsesTexts.ofRequest(json);
    }

    @Override
    public ResponsesRequest rewritten() {
        return new ResponsesRequest(json, JsonBody.write(json), model, stream);
    }

    @Override
    public byte[] upstreamBodyFor(String targetModel) {
        return targetModel.equals(model) ? upstreamBody : JsonBody.withModel(json, targetModel);
    }

    /** {@code max_output_tokens}, or the fallback; a response has one output. */
    @Override
    public long maxOutputTokens(long fallback) {
        return Math.max(0, json.path("max_output_tokens").asLong(fallback));
    }

    @Override
    public long tokenEstimate() {
        JsonNode cap = json.get("max_output_tokens");
        return promptTexts().characters() / 4 + (cap != null && cap.canConvertToLong() ? Math.max(0, cap.asLong()) : 0);
    }
}
