package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.ChatStreamTranslator;
import dev.caravan.providers.NativeEvents;
import dev.caravan.providers.SseReader;
import dev.caravan.providers.TranslatedRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Bedrock route-target translator: its path, its signing rules (key form, region), and its framed streams. */
class BedrockTranslatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AKIAUNITTEST00000001:unitSecretKeyValue/abc:unitSessionTokenValue";
    private final BedrockTranslator translator = new BedrockTranslator();

    @Test
    void aStreamedRequestGoesToConverseStreamWithTheModelIdEncodedInThePath() throws Exception {
        ObjectNode chat = (ObjectNode)
                JSON.readTree(
                        "{\"model\":\"alias\",\"stream\":true,\"seed\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        TranslatedRequest request = translator.request(chat, "us.anthropic.claude-3-haiku-20240307-v1:0");

        assertThat(request.path()).isEqualTo("/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
        assertThat(request.body().has("model")).isFalse();
        assertThat(request.dropped()).containsExactly("seed");
    }

    @Test
    void theRegionHeaderNamesTheSigningRegionAndIsNotSent() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("X-Caravan-AWS-Region", "eu-central-1");

        Map<String, String> signed =
                translator.sign(URI.create("http://10.0.0.7:8080/model/m/converse"), headers, new byte[] {1}, KEY);

        assertThat(signed.keySet()).noneMatch(name -> name.equalsIgnoreCase("x-caravan-aws-region"));
        assertThat(header(signed, "authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIAUNITTEST00000001/")
                .contains("/eu-central-1/bedrock/aws4_request")
                .doesNotContain("unitSecretKeyValue");
        assertThat(header(signed, "x-amz-security-token")).isEqualTo("unitSessionTokenValue");
    }

    @Test
    void withoutARegionHeaderTheRuntimeHostNamesTheRegion() {
        Map<String, String> signed = translator.sign(
                URI.create("https://bedrock-runtime.us-west-2.amazonaws.com/model/m/converse"),
                Map.of(),
                new byte[0],
                "AKIAUNITTEST00000001:secret");

        assertThat(header(signed, "authorization")).contains("/us-west-2/bedrock/aws4_request");
        assertThat(header(signed, "x-amz-security-token")).isNull();
    }

    @Test
    void anotherHostWithoutARegionHeaderIsRefused() {
        assertThatThrownBy(() -> translator.sign(
                        URI.create("https://vpce-1.example.com/model/m/converse"), Map.of(), new byte[0], KEY))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.error()).isEqualTo(ApiError.UNKNOWN_UPSTREAM))
                .hasMessageContaining("x-caravan-aws-region");
    }

    @Test
    void aKeyThatIsNotAwsCredentialsIsRefusedWithoutEchoingIt() {
        for (String key : new String[] {"sk-openai-looking-key", ":secret", "AKIA:", null}) {
            assertThatThrownBy(() -> translator.sign(
                            URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse"),
                            Map.of(),
                            new byte[0],
                            key))
                    .isInstanceOfSatisfying(
                            GatewayException.class, e -> assertThat(e.error()).isEqualTo(ApiError.MISSING_PROVIDER_KEY))
                    .hasMessageNotContaining("sk-openai-looking-key");
        }
    }

    @Test
    void framesCutAnywhereBecomeChatChunksEndingWithDone() {
        ByteArrayOutputStream upstream = new ByteArrayOutputStream();
        upstream.writeBytes(frame("messageStart", "{\"role\":\"assistant\"}"));
        upstream.writeBytes(frame("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}"));
        upstream.writeBytes(frame("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"lo\"}}"));
        upstream.writeBytes(frame("messageStop", "{\"stopReason\":\"max_tokens\"}"));
        upstream.writeBytes(frame("metadata", "{\"usage\":{\"inputTokens\":4,\"outputTokens\":2,\"totalTokens\":6}}"));
        byte[] bytes = upstream.toByteArray();

        String sse = translate(bytes, 7);

        assertThat(sse)
                .contains("\"content\":\"Hel\"")
                .contains("\"content\":\"lo\"")
                .contains("\"finish_reason\":\"length\"")
                .contains("\"total_tokens\":6")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void anExceptionFrameBecomesAnOpenAiErrorEventAndTheStreamReadsAsCut() {
        byte[] bytes = EventFrames.encode(ConverseEvent.exception(
                "throttlingException", JSON.createObjectNode().put("message", "Too many tokens")));

        String sse = translate(bytes, bytes.length);

        assertThat(sse)
                .contains("\"message\":\"Too many tokens\"")
                .contains("\"type\":\"rate_limit_error\"")
                .doesNotContain("[DONE]");
    }

    private String translate(byte[] bytes, int step) {
        NativeEvents events = translator.events();
        ChatStreamTranslator stream = translator.stream("m", 1_700_000_000L);
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < bytes.length; off += step) {
            for (SseReader.Event event : events.feed(bytes, off, Math.min(step, bytes.length - off))) {
                out.append(new String(stream.event(event.type(), event.data()), StandardCharsets.UTF_8));
            }
        }
        out.append(new String(stream.end(), StandardCharsets.UTF_8));
        return out.toString();
    }

    private static byte[] frame(String type, String payload) {
        try {
            return EventFrames.encode(ConverseEvent.event(type, (ObjectNode) JSON.readTree(payload)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
