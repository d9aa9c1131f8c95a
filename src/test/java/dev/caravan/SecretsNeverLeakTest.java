package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.mock.MockUpstream;
import dev.caravan.support.CapturedLogs;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** At DEBUG, the logs name every call by its decision id, and no log line, data file or response holds a provider key. */
class SecretsNeverLeakTest {
    static final String CLIENT_KEY = "sk-live-client-9d8c7b6a5f4e3d2c";
    static final String CONFIGURED_KEY = "sk-live-configured-1a2b3c4d5e6f";
    static final String PROVIDER_HEADER_KEY = "sk-live-provider-header-0f9e8d";
    static final List<String> KEYS = List.of(CLIENT_KEY, CONFIGURED_KEY, PROVIDER_HEADER_KEY);

    static MockUpstream mock;
    static TestGateway gateway;
    static CapturedLogs logs;

    @BeforeAll
    static void start() throws Exception {
        logs = CapturedLogs.start();
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan", ".yaml");
        Files.writeString(
                config,
                "upstreams:\n  openai:\n    baseUrl: " + mock.baseUrl() + "\n    credential: ${env:OPENAI_API_KEY}\n");
        gateway = TestGateway.start(
                java.util.Map.of("caravan.config", config.toString()),
                java.util.Map.of("OPENAI_API_KEY", CONFIGURED_KEY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
        logs.close();
    }

    @Test
    void keysAppearNowhereButTheLogsNameEachCallByItsDecisionId() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(Http.send(chat(Http.chat("mock", false))
                .header("authorization", "Bearer " + CLIENT_KEY)
                .build()));
        responses.add(Http.send(chat(Http.chat("mock?chunks=4", true))
                .header("authorization", "Bearer " + CLIENT_KEY)
                .build()));
        responses.add(Http.send(chat(Http.chat("mock", false)).build()));
        responses.add(Http.send(chat(Http.chat("mock?status=500", false))
                .header("authorization", "Bearer " + CLIENT_KEY)
                .build()));
        responses.add(Http.send(
                chat("{broken").header("authorization", "Bearer " + CLIENT_KEY).build()));
        responses.add(Http.send(chat(Http.chat("mock", false))
                .header("authorization", "Bearer cvn_gateway_key")
                .header("x-provider-key", PROVIDER_HEADER_KEY)
                .build()));
        responses.add(Http.send(chat(Http.chat("mock?chunks=3&cut_after=1", true))
                .header("authorization", "Bearer " + CLIENT_KEY)
                .build()));
        responses.add(Http.send(chat(Http.chat("mock", false))
                .header("authorization", "Bearer " + CLIENT_KEY)
                .setHeader("x-caravan-upstream", "http://169.254.169.254/v1")
                .build()));
        assertThat(mock.received()).hasSize(6);

        String everyLogLine = logs.text();
        for (HttpResponse<String> response : responses) {
            String decisionId =
                    response.headers().firstValue("x-caravan-decision-id").orElseThrow();
            assertThat(everyLogLine).contains(decisionId);
            String whole = response.headers().map() + response.body();
            KEYS.forEach(key -> assertThat(whole).doesNotContain(key));
        }
        KEYS.forEach(key -> assertThat(everyLogLine).doesNotContain(key));
        for (Path file : dataFiles(gateway.dataDir())) {
            String content = Files.readString(file);
            KEYS.forEach(key -> assertThat(content).doesNotContain(key));
        }
    }

    static HttpRequest.Builder chat(String body) {
        return Http.post(gateway.openAiBaseUrl() + "/chat/completions", body);
    }

    static List<Path> dataFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
