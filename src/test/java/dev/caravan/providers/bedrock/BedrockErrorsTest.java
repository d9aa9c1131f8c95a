package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BedrockErrorsTest {
    @Test
    void aBedrockThrottlingAnswerBecomesAnOpenAiRateLimitError() {
        JsonNode error = BedrockErrors.toOpenAi(
                        429,
                        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                        "{\"message\":\"Too many requests, please wait before trying again.\"}"
                                .getBytes(StandardCharsets.UTF_8))
                .get("error");

        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("code").asText()).isEqualTo("ThrottlingException");
        assertThat(error.get("message").asText()).startsWith("Too many requests");
    }

    @Test
    void anErrorWithoutTypeHeaderIsNamedFromItsStatus() {
        JsonNode error = BedrockErrors.toOpenAi(403, null, "not json".getBytes(StandardCharsets.UTF_8))
                .get("error");

        assertThat(error.get("type").asText()).isEqualTo("permission_error");
        assertThat(error.get("code").asText()).isEqualTo("AccessDeniedException");
        assertThat(error.get("message").asText()).contains("403");
    }

    @Test
    void aGatewayRefusalIsWrittenAsBedrocksMessageObject() {
        assertThat(new String(BedrockErrors.body("policy denied: secret"), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"policy denied: secret\"}");
    }
}
