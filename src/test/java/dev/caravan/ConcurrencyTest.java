package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.support.Http;
import dev.caravan.support.MockAndGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hundreds of slow calls are in flight at once, on Java 17's bounded pool as on 21's virtual threads. */
class ConcurrencyTest {
    static final int CALLS = 600;

    @RegisterExtension
    static final MockAndGateway FIXTURE = new MockAndGateway();

    @Test
    void sixHundredSlowCallsAreAllInFlightTogetherAndAllSucceed() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(Http.client()
                    .sendAsync(
                            Http.post(
                                            FIXTURE.gateway().openAiBaseUrl() + "/chat/completions",
                                            Http.chat("mock?delay_ms=15000", false))
                                    .header("authorization", "Bearer sk-concurrency")
                                    .header("x-caravan-upstream", FIXTURE.mock().baseUrl())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }

        // Each upstream call holds its answer for 15 s, so all of them reaching the upstream before the first answer
        // means the gateway had every one in flight at once rather than a few at a time (the bound leaves room for a
        // loaded CI machine; what proves the point is that none is done when the last arrives).
        await().atMost(Duration.ofSeconds(14))
                .until(() -> FIXTURE.mock().received().size() == CALLS);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        await().atMost(Duration.ofSeconds(40)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }
}
