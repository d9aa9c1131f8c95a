package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.support.FaultyUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A route with cacheTtlSeconds answers a repeated request from its cache, streamed or not, without calling upstream. */
class ResponseCacheTest {
    static FaultyUpstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = FaultyUpstream.start("cached words");
        Path config = Files.createTempFile("caravan-cache", ".yaml");
        Files.writeString(
                config,
                """
                routes:
                  - alias: test/cached
                    cacheTtlSeconds: 60
                    targets:
                      - { upstream: "%1$s", model: model-c }
                  - alias: test/uncached
                    targets:
                      - { upstream: "%1$s", model: model-c }
                """
                        .formatted(upstream.baseUrl()));
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void forget() {
        upstream.reset();
    }

    static HttpResponse<String> call(String body) {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("authorization", "Bearer sk-client-key")
                .build());
    }

    static String chat(String alias, String prompt, boolean stream) {
        return "{\"model\":\"" + alias + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheCacheEvenWithItsKeysInAnotherOrder() {
        HttpResponse<String> first = call(chat("test/cached", "what is a caravan", false));
        HttpResponse<String> second = call("{\"messages\":[{\"content\":\"what is a caravan\",\"role\":\"user\"}],"
                + "\"stream\":false,  \"model\":\"test/cached\"}");

        assertThat(first.headers().firstValue("x-caravan-cache")).hasValue("miss");
        assertThat(second.headers().firstValue("x-caravan-cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("x-caravan-receipt")).isPresent();
        assertThat(second.headers().firstValue("x-caravan-decision-id"))
                .isNotEqualTo(first.headers().firstValue("x-caravan-decision-id"));
        assertThat(upstream.received()).hasSize(1);
        HttpResponse<String> receipt = Http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.openAiBaseUrl() + "/receipts/"
                                + second.headers()
                                        .firstValue("x-caravan-decision-id")
                                        .orElseThrow()))
                        .build());
        assertThat(receipt.body()).contains("\"cache_hit\":true").contains("\"cost_micros\":0");
    }

    @Test
    void aRepeatedStreamIsReplayedAsServerSentEvents() {
        HttpResponse<String> first = call(chat("test/cached", "stream a caravan", true));
        HttpResponse<String> second = call(chat("test/cached", "stream a caravan", true));

        assertThat(first.headers().firstValue("x-caravan-cache")).hasValue("miss");
        assertThat(second.headers().firstValue("x-caravan-cache")).hasValue("hit");
        assertThat(second.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(second.body()).contains("cached").contains("words").endsWith("data: [DONE]\n\n");
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void anotherPromptIsAMissAndARouteWithoutACacheNeverHits() {
        call(chat("test/cached", "first question", false));
        HttpResponse<String> other = call(chat("test/cached", "second question", false));
        call(chat("test/uncached", "first question", false));
        HttpResponse<String> again = call(chat("test/uncached", "first question", false));

        assertThat(other.headers().firstValue("x-caravan-cache")).hasValue("miss");
        assertThat(again.headers().firstValue("x-caravan-cache")).isEmpty();
        assertThat(upstream.received()).hasSize(4);
    }

    @Test
    void aFailedAnswerIsNeverCached() {
        upstream.then(FaultyUpstream.Fault.STATUS_400);
        HttpResponse<String> failed = call(chat("test/cached", "a failing question", false));
        HttpResponse<String> retried = call(chat("test/cached", "a failing question", false));

        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("x-caravan-cache")).hasValue("miss");
    }
}
