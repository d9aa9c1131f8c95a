package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An agent's calls, tagged with a run id, can be read back step by step with their cost; sessions group runs. */
class AgentRunsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-runs", ".yaml");
        Files.writeString(
                config,
                """
                prices:
                  - { model: mock, provider: test, input: "2.00", output: "8.00" }
                """);
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    static void call(String run, String session, boolean stream) {
        HttpResponse<String> response =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("mock", stream))
                        .header("authorization", "Bearer sk-runs-test")
                        .header("x-caravan-upstream", mock.baseUrl())
                        .header("x-caravan-run-id", run)
                        .header("x-caravan-session-id", session)
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + path))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aRunListsItsStepsWithCostTokensAndLatencyAndTheirTotals() throws Exception {
        call("run-a", "session-1", false);
        call("run-a", "session-1", true);

        // a stream's call closes just after its last byte left: wait for it to be filed
        JsonNode run = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> get("/runs/run-a"), r -> r.path("steps").size() == 2);

        assertThat(run.path("session_id").asText()).isEqualTo("session-1");
        assertThat(run.path("steps")).hasSize(2);
        long cost = 0;
        long tokens = 0;
        for (JsonNode step : run.path("steps")) {
            assertThat(step.path("cost_micros").asLong()).isPositive();
            assertThat(step.path("latency_ms").asDouble()).isPositive();
            cost += step.path("cost_micros").asLong();
            tokens += step.path("usage").path("total_tokens").asLong();
        }
        assertThat(run.path("totals").path("calls").asInt()).isEqualTo(2);
        assertThat(run.path("totals").path("cost_micros").asLong()).isEqualTo(cost);
        assertThat(run.path("totals").path("total_tokens").asLong()).isEqualTo(tokens);
    }

    @Test
    void aSessionGroupsItsRuns() throws Exception {
        call("run-b", "session-2", false);
        call("run-c", "session-2", false);
        call("run-c", "session-2", false);

        JsonNode session = get("/runs?session_id=session-2");

        assertThat(session.path("runs"))
                .extracting(r -> r.path("run_id").asText())
                .containsExactly("run-b", "run-c");
        assertThat(session.path("totals").path("calls").asInt()).isEqualTo(3);
    }

    @Test
    void anUnknownRunIsA404InTheOpenAiShape() {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/runs/nobody"))
                        .build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"not_found\"");
    }
}
