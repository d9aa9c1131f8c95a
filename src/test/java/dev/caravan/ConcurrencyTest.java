package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hundreds of slow calls are in flight at once, on Java 17's bounded pool as on 21's virtual threads. */
class ConcurrencyTest {
    static final int CALLS = 600;
    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    @Test
    void sixHundredSlowCallsAreAllInFlightTogetherAndAllSucceed() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(Http.client()
                    .sendAsync(
                            Http.post(
                                            gateway.openAiBaseUrl() + "/chat/completions",
                                            Http.chat("mock?delay_ms=10000", false))
                                    .header("authorization", "Bearer sk-concurrency")
                                    .header("x-caravan-upstream", mock.baseUrl())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }

        // Each upstream call holds its answer for 10 s, so all of them reaching the upstream before the first answer
        // means the gateway had every one in flight at once rather than a few at a time.
        await().atMost(Duration.ofSeconds(8)).until(() -> mock.received().size() == CALLS);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }
}
