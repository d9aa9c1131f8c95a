package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.GuardTexts;

/**
 * A parsed Converse request on the {@code /bedrock} ingress: the body (which names no model), the model and region
 * from headers, the client's AWS credentials for this request only, and the exact bytes to sign and send: the
 * client's own bytes when nothing was changed.
 */
public final class ConverseRequest implements ApiRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode json;
    private final byte[] upstreamBody;
    private final String model;
    private final boolean stream;
    private final String region;
    private final AwsCredentials credentials;
    private final ConverseTexts texts;

    ConverseRequest(
            ObjectNode json,
            byte[] upstreamBody,
            String model,
            boolean stream,
            String region,
            AwsCredentials credentials) {
        this.json = json;
        this.upstreamBody = upstreamBody;
        this.model = model;
        this.stream = stream;
        this.region = region;
        this.credentials = credentials;
        this.texts = ConverseTexts.ofRequest(json);
    }

    @Override
    public ObjectNode json() {
        return json;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public boolean stream() {
        return stream;
    }

    public String region() {
        return region;
    }

    AwsCredentials credentials() {
        return credentials;
    }

    @Override
    public GuardTexts promptTexts() {
        return texts;
    }

    @Override
    public ApiRequest rewritten() {
        try {
            return new ConverseRequest(json, JSON.writeValueAsBytes(json), model, stream, region, credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    /** The body names no model (the URL does), so every target gets the same bytes. */
    @Override
    public byte[] upstreamBodyFor(String targetModel) {
        return upstreamBody;
    }

    @Override
    public long maxOutputTokens(long fallback) {
        return json.path("inferenceConfig").path("maxTokens").asLong(fallback);
    }

    @Override
    public long tokenEstimate() {
        long chars = 0;
        for (ScanText text : texts.texts()) {
            chars += text.text().length();
        }
        return chars / 4 + maxOutputTokens(0);
    }

    @Override
    public String toString() {
        return "ConverseRequest[" + model + ", " + region + (stream ? ", stream]" : "]");
    }
}
