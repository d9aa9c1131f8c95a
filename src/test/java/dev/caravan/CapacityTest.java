package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.mock.MockUpstream;
import dev.caravan.routes.Endpoints;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * On Java 17 the worker pool is bounded, and only work that needs a worker takes from it: a call waiting for its
 * upstream holds no thread, so far more slow calls than the pool has threads are in flight together; a call that needs a
 * worker beyond the pool (here because a team's hook blocks both) is refused with 503 at once, never queued or hung.
 */
@EnabledForJreRange(max = JRE.JAVA_20)
class CapacityTest {
    private static final String HOOK = "capacity-test-hook";

    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        gateway = TestGateway.start(Map.of("caravan.worker-threads", "2"), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    @BeforeEach
    void forget() {
        mock.clear();
    }

    @Test
    void slowCallsHoldNoWorkerSoSixOfThemAreInFlightTogetherOnAPoolOfTwoAndAllSucceed() {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slow.add(Http.client().sendAsync(request("mock?delay_ms=2000"), HttpResponse.BodyHandlers.ofString()));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> mock.received().size() == 6);
        assertThat(slow).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    @Test
    void aCallBeyondThePoolWhileTeamCodeHoldsBothWorkersGets503OverloadedWhileTheOthersSucceed() throws Exception {
        CamelContext camel = gateway.gateway().camel();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inHook = new AtomicInteger();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.BEFORE_UPSTREAM).routeId(HOOK).process(exchange -> {
                    inHook.incrementAndGet();
                    release.await(10, TimeUnit.SECONDS); // a hook that blocks holds its worker
                });
            }
        });
        try {
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(Http.client().sendAsync(request("mock"), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> inHook.get() == 2);

            HttpResponse<String> refused = Http.send(request("mock"));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new ObjectMapper()
                            .readTree(refused.body())
                            .path("error")
                            .path("code")
                            .asText())
                    .isEqualTo("overloaded");
            release.countDown();
            assertThat(held)
                    .allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        } finally {
            release.countDown();
            camel.getRouteController().stopRoute(HOOK);
            camel.removeRoute(HOOK);
        }
    }

    static java.net.http.HttpRequest request(String model) {
        return Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat(model, false))
                .header("authorization", "Bearer sk-capacity")
                .header("x-caravan-upstream", mock.baseUrl())
                .build();
    }
}
