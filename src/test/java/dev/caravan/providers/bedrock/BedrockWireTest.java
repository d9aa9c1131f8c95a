package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.ApiRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockWireTest {
    private static final byte[] BODY =
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}".getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-caravan-bedrock-model", "anthropic.claude-3-haiku-20240307-v1:0");
        headers.put("x-caravan-aws-region", "ap-southeast-2");
        headers.put("x-caravan-aws-access-key-id", "AKIDEXAMPLE");
        headers.put("x-caravan-aws-secret-access-key", "secret");
        return headers;
    }

    @Test
    void withoutAnUpstreamHeaderTheCallGoesToTheRegionsRuntimeEndpointWithTheModelInThePath() {
        ApiRequest request = BedrockWire.CONVERSE_STREAM.parse(BODY, headers()::get);

        URI base = BedrockWire.CONVERSE_STREAM.defaultBase(request).orElseThrow();

        assertThat(base).hasToString("https://bedrock-runtime.ap-southeast-2.amazonaws.com");
        assertThat(BedrockWire.CONVERSE_STREAM.upstreamPath(request.model()))
                .isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
        assertThat(request.stream()).isTrue();
        assertThat(request.toString()).doesNotContain("secret").doesNotContain("AKIDEXAMPLE");
    }

    @Test
    void theSignatureIsForBedrockInTheRequestsRegion() {
        ApiRequest request = BedrockWire.CONVERSE.parse(BODY, headers()::get);
        Map<String, String> upstream = new LinkedHashMap<>(Map.of("traceparent", "00-abc-def-01"));

        Map<String, String> signed = BedrockWire.CONVERSE.sign(
                request,
                URI.create("https://bedrock-runtime.ap-southeast-2.amazonaws.com/model/m/converse"),
                upstream,
                BODY);

        assertThat(signed.get("Authorization")).contains("/ap-southeast-2/bedrock/aws4_request");
        assertThat(signed).containsEntry("content-type", "application/json").containsKey("X-Amz-Date");
    }

    @Test
    void aRegionThatIsNotOneCannotSteerTheHost() {
        Map<String, String> headers = headers();
        headers.put("x-caravan-aws-region", "evil.example.com/x");

        assertThatThrownBy(() -> BedrockWire.CONVERSE.parse(BODY, headers::get))
                .isInstanceOf(GatewayException.class)
                .extracting(e -> ((GatewayException) e).error())
                .isEqualTo(ApiError.INVALID_JSON);
    }

    @Test
    void missingCredentialsAreAMissingProviderKey() {
        Map<String, String> headers = headers();
        headers.remove("x-caravan-aws-secret-access-key");

        assertThatThrownBy(() -> BedrockWire.CONVERSE.parse(BODY, headers::get))
                .isInstanceOf(GatewayException.class)
                .extracting(e -> ((GatewayException) e).error())
                .isEqualTo(ApiError.MISSING_PROVIDER_KEY);
    }
}
