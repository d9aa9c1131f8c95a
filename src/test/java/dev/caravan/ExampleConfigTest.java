package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented example configuration boots as it is, with none of the environment variables it names set. */
class ExampleConfigTest {
    static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(
                Map.of(
                        "caravan.config",
                        Path.of("docs/examples/caravan.yaml").toAbsolutePath().toString()),
                Map.of("CARAVAN_ADMIN_KEY", "admin-secret"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theExampleBootsAndServesItsAliasesAsModels() {
        HttpResponse<String> models = Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/models"))
                .build());

        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body())
                .contains("\"id\":\"caravan/auto\"")
                .contains("\"id\":\"caravan/spread\"")
                .contains("\"id\":\"caravan/cheap\"")
                .contains("\"id\":\"caravan/fast\"")
                .contains("\"id\":\"caravan/rotate\"")
                .contains("\"id\":\"llama-3.3-70b-versatile\"");
    }

    @Test
    void everyExampleRouteIsShownToOperatorsWithClosedBreakersAndNoStoredKeys() {
        HttpResponse<String> routes = Http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/admin/routes"))
                .header("x-caravan-admin-key", "admin-secret")
                .build());

        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body())
                .contains("\"strategy\":\"least_latency\"")
                .contains("\"breaker\":\"closed\"")
                .doesNotContain("\"stored_credential\":true");
    }

    @Test
    void theExampleWithItsKeysSectionUncommentedBootsAsAClosedGateway() throws Exception {
        String example = java.nio.file.Files.readString(Path.of("docs/examples/caravan.yaml"));
        String closed = example.replaceAll("(?m)^# (keys:|  .*)$", "$1");
        assertThat(closed).contains("\nkeys:\n  - hash: sha256:");
        Path file = java.nio.file.Files.createTempFile("caravan-example-closed", ".yaml");
        java.nio.file.Files.writeString(file, closed);

        try (TestGateway withKeys = TestGateway.start(Map.of("caravan.config", file.toString()), Map.of())) {
            HttpResponse<String> noKey = Http.send(
                    Http.post(withKeys.openAiBaseUrl() + "/chat/completions", Http.chat("caravan/auto", false))
                            .build());

            assertThat(noKey.statusCode()).isEqualTo(401);
            assertThat(noKey.body()).contains("invalid_gateway_key");
        }
    }
}
