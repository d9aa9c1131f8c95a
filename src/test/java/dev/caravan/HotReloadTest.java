package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.support.FaultyUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A changed config file is put in force under load without losing a request; an invalid one is refused. */
class HotReloadTest {
    static FaultyUpstream blue;
    static FaultyUpstream green;
    static Path config;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        blue = FaultyUpstream.start("from blue");
        green = FaultyUpstream.start("from green");
        config = Files.createTempFile("caravan-reload", ".yaml");
        write(blue);
        gateway = TestGateway.start(
                Map.of("caravan.config", config.toString(), "caravan.config.reload-ms", "50"), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        blue.close();
        green.close();
    }

    static void write(FaultyUpstream target) throws Exception {
        Files.writeString(
                config,
                """
                routes:
                  - alias: test/live
                    targets:
                      - { upstream: "%s", model: live-model }
                """
                        .formatted(target.baseUrl()));
    }

    static HttpResponse<String> call() {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("test/live", false))
                .header("authorization", "Bearer sk-client-key")
                .build());
    }

    @Test
    void reloadsUnderLoadLoseNoRequestAndAnInvalidVersionLeavesTheOldOneServing() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            load.add(clients.submit(() -> {
                while (running.get()) {
                    answers.add(call());
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() >= 20);

            write(green);
            await().atMost(Duration.ofSeconds(10)).until(() -> call().body().contains("from green"));

            Files.writeString(config, "routes:\n  - alias: test/live\n    strategy: fastest\n    targets: []\n");
            int before = answers.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() >= before + 50);
            assertThat(call().body()).contains("from green");

            write(blue);
            await().atMost(Duration.ofSeconds(10)).until(() -> call().body().contains("from blue"));
        } finally {
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            clients.shutdown();
        }

        assertThat(answers).hasSizeGreaterThan(70).allSatisfy(r -> assertThat(r.statusCode())
                .isEqualTo(200));
        assertThat(answers).anySatisfy(r -> assertThat(r.body()).contains("from blue"));
        assertThat(answers).anySatisfy(r -> assertThat(r.body()).contains("from green"));
    }
}
