package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.JsonBody;

/**
 * A parsed Converse request on the {@code /bedrock} ingress: the body (which names no model), the model and region
 * from headers, the client's AWS credentials for this request only, and the exact bytes to sign and send: the
 * client's own bytes when nothing was changed.
 */
public final class ConverseRequest implements ApiRequest {
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
        return new ConverseRequest(json, JsonBody.write(json), model, stream, region, credentials);
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
        return texts.characters() / 4 + maxOutputTokens(0);
    }

    @Override
    public String toString() {
        return "ConverseRequest[" + model + ", " + region + (stream ? ", stream]" : "]");
    }
}
