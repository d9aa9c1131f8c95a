package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.keys.KeyHash;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workspace's hard budget stops its calls before the money is gone, also under concurrency, and what was spent
 * survives a restart.
 */
class BudgetTest {
    static final String KEY = "cvn_budgetTestKeyForTeamA0123456789abcdefghijkl";
    /** Five words, so the mock reports five completion tokens: exactly what max_tokens 5 reserves. */
    static final String MODEL = "mock?reply=one%20two%20three%20four%20five";
    /** One micro-dollar per completion token, prompts free: a call costs 5 micro-dollars, worst case and actual. */
    static final long CALL_MICROS = 5;

    static MockUpstream mock;
    static Path config;
    static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        dataDir = Files.createTempDirectory("caravan-budget-data");
        config = Files.createTempFile("caravan-budget", ".yaml");
        Files.writeString(
                config,
                """
                keys:
                  - hash: %s
                    workspace: team-a
                budgets:
                  - workspace: team-a
                    period: total
                    limitUsd: "0.000050"
                prices:
                  - { model: "%s", provider: test, input: "0", output: "1.00" }
                """
                        .formatted(KeyHash.of(KEY), MODEL));
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    static TestGateway gateway() {
        return TestGateway.start(
                Map.of("caravan.config", config.toString(), "caravan.data-dir", dataDir.toString()), Map.of());
    }

    static HttpResponse<String> call(TestGateway gateway) {
        String body =
                "{\"model\":\"" + MODEL + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("x-caravan-key", KEY)
                .header("authorization", "Bearer sk-provider-key")
                .header("x-caravan-upstream", mock.baseUrl())
                .build());
    }

    static double spent(TestGateway gateway) {
        String metrics = Http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/metrics"))
                        .build())
                .body();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("caravan_cost_micros_total{") && line.contains("workspace=\"team-a\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    void twoHundredConcurrentCallsAgainstABudgetThatFitsTenGetExactlyTenThroughAndARestartKeepsTheSpend()
            throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (TestGateway gateway = gateway()) {
            ExecutorService clients = Executors.newFixedThreadPool(50);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(clients.submit(() -> {
                    go.await();
                    return call(gateway);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> c : calls) {
                answers.add(c.get());
            }
            clients.shutdown();

            assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(10);
            assertThat(answers.stream().filter(r -> r.statusCode() == 429))
                    .hasSize(190)
                    .allSatisfy(r -> {
                        assertThat(r.body()).contains("\"code\":\"budget_exceeded\"");
                        assertThat(r.headers().firstValue("x-should-retry")).hasValue("false");
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> spent(gateway) == 10 * CALL_MICROS);
            assertThat(mock.received()).hasSize(10);
        }

        try (TestGateway restarted = gateway()) {
            HttpResponse<String> after = call(restarted);

            assertThat(after.statusCode()).isEqualTo(429);
            assertThat(Files.readString(dataDir.resolve("spend.json"))).contains("workspace:team-a:total:total");
        }
    }
}
