package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the error table in DESIGN.md §2 that this ingress can produce, in OpenAI's error shape. */
class ErrorTableTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static MockUpstream mock;
    static MockUpstream redirectTarget;
    static TestGateway gateway;
    static TestGateway shortTotal;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        redirectTarget = MockUpstream.start("127.0.0.1", 0);
        gateway = TestGateway.start(
                Map.of(
                        "caravan.max-body-bytes", "4096",
                        "caravan.upstream.read-timeout-ms", "400"),
                Map.of());
        shortTotal = TestGateway.start(Map.of("caravan.upstream.total-timeout-ms", "400"), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        shortTotal.close();
        mock.close();
        redirectTarget.close();
    }

    @BeforeEach
    void forget() {
        mock.clear();
        redirectTarget.clear();
    }

    static HttpRequest.Builder chat(TestGateway target, String body) {
        return Http.post(target.openAiBaseUrl() + "/chat/completions", body)
                .header("authorization", "Bearer sk-error-test")
                .header("x-caravan-upstream", mock.baseUrl());
    }

    static JsonNode assertError(HttpResponse<String> response, int status, String type, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.has("param")).isTrue();
        return error;
    }

    @Test
    void malformedJsonIsA400InvalidJson() throws Exception {
        assertError(
                Http.send(chat(gateway, "{\"model\":\"mock\",").build()), 400, "invalid_request_error", "invalid_json");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void aBodyWithoutAModelIsA400InvalidJson() throws Exception {
        JsonNode error = assertError(
                Http.send(chat(gateway, "{\"messages\":[]}").build()), 400, "invalid_request_error", "invalid_json");
        assertThat(error.path("message").asText()).contains("model");
    }

    @Test
    void aFormEncodedBodyIsA400NotAnEmptyReply() throws Exception {
        HttpResponse<String> response = Http.send(chat(gateway, "model=mock")
                .header("content-type", "application/x-www-form-urlencoded")
                .build());
        assertError(response, 400, "invalid_request_error", "invalid_json");
    }

    @Test
    void aWrongMethodIsA405() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/chat/completions"))
                .GET()
                .build();
        assertError(Http.send(get), 405, "invalid_request_error", "method_not_allowed");
    }

    @Test
    void anUnknownPathIsA404() throws Exception {
        assertError(
                Http.send(Http.post(gateway.url() + "/v1/nothing-here", "{}").build()),
                404,
                "invalid_request_error",
                "not_found");
    }

    @Test
    void anUnknownPathUnderAnthropicIsA404InAnthropicsShape() throws Exception {
        HttpResponse<String> response = Http.send(
                Http.post(gateway.url() + "/anthropic/v1/nothing", "{}").build());
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void aBodyOverTheLimitIsA413InJsonBeforeNettysOwnLimit() throws Exception {
        String big = Http.chat("mock", false).replace("hello there", "x".repeat(8000));
        assertError(Http.send(chat(gateway, big).build()), 413, "invalid_request_error", "request_too_large");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Too() throws Exception {
        byte[] big = Http.chat("mock", false)
                .replace("hello there", "y".repeat(8000))
                .getBytes();
        HttpRequest request = chat(gateway, "")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        assertError(Http.send(request), 413, "invalid_request_error", "request_too_large");
    }

    @Test
    void noProviderKeyIsA401() throws Exception {
        HttpRequest request = Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("mock", false))
                .header("x-caravan-upstream", mock.baseUrl())
                .build();
        assertError(Http.send(request), 401, "authentication_error", "missing_provider_key");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void aKeylessPresetNeedsNoProviderKey() throws Exception {
        HttpRequest request = Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("llama3", false))
                .header("x-caravan-upstream", "ollama")
                .build();
        // Nothing listens on Ollama's port here: the call got past the key check and failed to connect.
        assertError(Http.send(request), 502, "upstream_error", "upstream_unreachable");
    }

    @Test
    void anUnknownUpstreamNameIsA400() throws Exception {
        assertError(
                Http.send(chat(gateway, Http.chat("mock", false))
                        .setHeader("x-caravan-upstream", "nowhere")
                        .build()),
                400,
                "invalid_request_error",
                "unknown_upstream");
    }

    @Test
    void aRepeatedUpstreamHeaderIsA400() throws Exception {
        HttpRequest request = chat(gateway, Http.chat("mock", false))
                .header("x-caravan-upstream", "groq")
                .build();
        assertError(Http.send(request), 400, "invalid_request_error", "unknown_upstream");
        assertThat(mock.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/v1",
                "http://2852039166/v1",
                "http://0xa9fea9fe/v1",
                "http://[::ffff:169.254.169.254]/v1",
                "http://metadata.google.internal/v1",
                "http://user:pw@127.0.0.1/v1"
            })
    void anUpstreamUrlPointingAtMetadataIsRefusedWith400(String url) throws Exception {
        assertError(
                Http.send(chat(gateway, Http.chat("mock", false))
                        .setHeader("x-caravan-upstream", url)
                        .build()),
                400,
                "invalid_request_error",
                "upstream_not_allowed");
    }

    @Test
    void anUnreachableUpstreamIsA502() throws Exception {
        String closed = "http://127.0.0.1:" + TestGateway.freePort() + "/v1";
        assertError(
                Http.send(chat(gateway, Http.chat("mock", false))
                        .setHeader("x-caravan-upstream", closed)
                        .build()),
                502,
                "upstream_error",
                "upstream_unreachable");
    }

    @Test
    void anUpstreamSilentPastTheReadTimeoutIsA504() throws Exception {
        assertError(
                Http.send(chat(gateway, Http.chat("mock?delay_ms=1500", false)).build()),
                504,
                "upstream_error",
                "upstream_timeout");
    }

    @Test
    void anUpstreamSlowerThanTheTotalTimeoutIsA504() throws Exception {
        JsonNode error = assertError(
                Http.send(
                        chat(shortTotal, Http.chat("mock?delay_ms=1500", false)).build()),
                504,
                "upstream_error",
                "upstream_timeout");
        assertThat(error.path("message").asText()).contains("total timeout");
    }

    @Test
    void anUpstreamRedirectIsPassedBackNeverFollowed() {
        String target = redirectTarget.baseUrl() + "/chat/completions";
        HttpResponse<String> response = Http.send(
                chat(gateway, Http.chat("mock?redirect_to=" + target, false)).build());

        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(redirectTarget.received()).isEmpty();
    }

    @Test
    void anUpstreamErrorPassesThroughUnchanged() {
        HttpResponse<String> response =
                Http.send(chat(gateway, Http.chat("mock?status=503", false)).build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":{\"message\":\"mock error 503\",\"type\":\"mock_error\",\"code\":\"mock_503\",\"param\":null}}");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(response.headers().firstValue("x-mock-server")).isEmpty();
    }
}
