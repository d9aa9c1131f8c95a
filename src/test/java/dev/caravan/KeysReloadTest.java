package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.keys.KeyHash;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gateway keys are reloaded with the config file: a pasted key works and a removed one stops, without a restart. */
class KeysReloadTest {
    static final String FIRST = "cvn_first0123456789abcdefghijklmnopqrstuvwxyzAB";
    static final String SECOND = "cvn_second0123456789abcdefghijklmnopqrstuvwxyzA";

    static void write(Path config, MockUpstream mock, String key) throws Exception {
        Files.writeString(
                config,
                "upstreams:\n  openai:\n    baseUrl: " + mock.baseUrl() + "\nkeys:\n  - hash: " + KeyHash.of(key)
                        + "\n    workspace: team\n");
    }

    static int call(TestGateway gateway, String key) {
        HttpResponse<String> response =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("mock", false))
                        .header("x-caravan-key", key)
                        .header("authorization", "Bearer sk-provider")
                        .build());
        return response.statusCode();
    }

    @Test
    void aKeyAddedToTheFileWorksAndARemovedOneStopsWithoutARestart() throws Exception {
        try (MockUpstream mock = MockUpstream.start("127.0.0.1", 0)) {
            Path config = Files.createTempFile("caravan-keys-reload", ".yaml");
            write(config, mock, FIRST);
            try (TestGateway gateway = TestGateway.start(
                    Map.of("caravan.config", config.toString(), "caravan.config.reload-ms", "50"), Map.of())) {
                assertThat(call(gateway, FIRST)).isEqualTo(200);
                assertThat(call(gateway, SECOND)).isEqualTo(401);

                write(config, mock, SECOND);

                await().atMost(Duration.ofSeconds(10)).until(() -> call(gateway, SECOND) == 200);
                assertThat(call(gateway, FIRST)).isEqualTo(401);
            }
        }
    }
}
