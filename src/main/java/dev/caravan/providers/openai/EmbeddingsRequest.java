package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.Source;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.BoundTexts;
import dev.caravan.providers.JsonBody;

/**
 * A parsed Embeddings request: the client's bytes go upstream as they are unless a guardrail masked an input. Inputs
 * given as token arrays are numbers, not text: they pass unscanned.
 */
public record EmbeddingsRequest(ObjectNode json, byte[] upstreamBody, String model) implements ApiRequest {

    /** Parses and checks the fields the gateway relies on; anything else is the provider's to judge. */
    public static EmbeddingsRequest parse(byte[] raw) {
        ObjectNode body = JsonBody.read(raw);
        String model = JsonBody.model(body);
        JsonNode input = body.get("input");
        if (input == null || !(input.isTextual() || input.isArray())) {
            throw JsonBody.invalid("'input' is required and must be a string or an array");
        }
        if (body.has("stream") && JsonBody.stream(body)) {
            throw JsonBody.invalid("embeddings are not streamed: 'stream' must be false or absent");
        }
        return new EmbeddingsRequest(body, raw, model);
    }

    @Override
    public boolean stream() {
        return false;
    }

    /** Every text input: the string, or each string of the array; token arrays are skipped. */
    @Override
    public BoundTexts promptTexts() {
        BoundTexts texts = new BoundTexts();
        JsonNode input = json.get("input");
        if (input.isTextual()) {
            texts.add(input.asText(), Source.USER, -1, s -> json.put("input", s));
        } else if (input instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                int at = i;
                if (list.get(i).isTextual()) {
                    texts.add(list.get(i).asText(), Source.USER, -1, s -> list.set(at, list.textNode(s)));
                }
            }
        }
        return texts;
    }

    @Override
    public EmbeddingsRequest rewritten() {
        return new EmbeddingsRequest(json, JsonBody.write(json), model);
    }

    @Override
    public byte[] upstreamBodyFor(String targetModel) {
        return targetModel.equals(model) ? upstreamBody : JsonBody.withModel(json, targetModel);
    }

    /** An embedding produces no output tokens. */
    @Override
    public long maxOutputTokens(long fallback) {
        return 0;
    }

    @Override
    public long tokenEstimate() {
        JsonNode input = json.get("input");
        long tokens = 0;
        for (JsonNode item : input.isArray() ? input : json.arrayNode()) {
            tokens += item.isNumber() ? 1 : item.isArray() ? item.size() : 0;
        }
        return promptTexts().characters() / 4 + tokens;
    }
}
