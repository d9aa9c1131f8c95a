package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** On Java 17 the worker pool is bounded: a call beyond it is refused with 503 at once, never queued or hung. */
@EnabledForJreRange(max = JRE.JAVA_20)
class CapacityTest {
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

    @Test
    void aCallBeyondTheWorkerPoolGets503OverloadedWhileTheOthersSucceed() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(Http.client().sendAsync(request("mock?delay_ms=2000"), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> mock.received().size() == 2);

        HttpResponse<String> refused = Http.send(request("mock"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper()
                        .readTree(refused.body())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("overloaded");
        assertThat(slow).allSatisfy(call -> assertThat(call.get().statusCode()).isEqualTo(200));
    }

    static java.net.http.HttpRequest request(String model) {
        return Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat(model, false))
                .header("authorization", "Bearer sk-capacity")
                .header("x-caravan-upstream", mock.baseUrl())
                .build();
    }
}
