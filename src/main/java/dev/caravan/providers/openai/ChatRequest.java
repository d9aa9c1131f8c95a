package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.JsonBody;

/**
 * A parsed Chat Completions request and the exact bytes to send upstream: the client's own bytes when nothing
 * changed, or a re-serialisation when the gateway asked for the usage chunk of a stream.
 */
public record ChatRequest(ObjectNode json, byte[] upstreamBody, String model, boolean stream, boolean usageInjected)
        implements ApiRequest {
    private static final byte[] USAGE_MEMBER =
            "\"stream_options\":{\"include_usage\":true},".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Parses and checks the fields the gateway relies on; anything else is the provider's to judge. */
    public static ChatRequest parse(byte[] raw) {
        ObjectNode body = JsonBody.read(raw);
        String model = JsonBody.model(body);
        if (!body.path("messages").isArray()) {
            throw JsonBody.invalid("'messages' is required and must be an array");
        }
        boolean streaming = JsonBody.stream(body);
        if (streaming && !body.path("stream_options").path("include_usage").asBoolean(false)) {
            JsonNode options = body.get("stream_options");
            boolean absent = options == null;
            ObjectNode withUsage = options instanceof ObjectNode o ? o : body.putObject("stream_options");
            withUsage.put("include_usage", true);
            byte[] upstream = absent ? withUsageFirst(raw) : null;
            return new ChatRequest(body, upstream != null ? upstream : JsonBody.write(body), model, true, true);
        }
        return new ChatRequest(body, raw, model, streaming, false);
    }

    /**
     * The client's bytes with the usage option added as the object's first member, without re-serialising the rest;
     * null when they do not start with the object's brace.
     */
    private static byte[] withUsageFirst(byte[] raw) {
        int brace = 0;
        while (brace < raw.length
                && (raw[brace] == ' ' || raw[brace] == '\t' || raw[brace] == '\r' || raw[brace] == '\n')) {
            brace++;
        }
        if (brace == raw.length || raw[brace] != '{') {
            return null;
        }
        byte[] member = USAGE_MEMBER;
        byte[] spliced = new byte[raw.length + member.length];
        System.arraycopy(raw, 0, spliced, 0, brace + 1);
        System.arraycopy(member, 0, spliced, brace + 1, member.length);
        System.arraycopy(raw, brace + 1, spliced, brace + 1 + member.length, raw.length - brace - 1);
        return spliced;
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
        return new ChatRequest(json, JsonBody.write(json), model, stream, usageInjected);
    }

    /** The bytes to send to a route target that serves this request under another model name. */
    @Override
    public byte[] upstreamBodyFor(String targetModel) {
        if (targetModel.equals(model)) {
            return upstreamBody;
        }
        return JsonBody.withModel(json, targetModel);
    }
}
