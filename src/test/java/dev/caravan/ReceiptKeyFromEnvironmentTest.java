package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.receipts.ReceiptKey;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A signing key handed over in an environment variable signs the receipts and never lands on disk. */
class ReceiptKeyFromEnvironmentTest {
    @Test
    void theKeyFromTheNamedVariableSignsAndOnlyItsPublicHalfIsWritten() throws Exception {
        ReceiptKey key = ReceiptKey.generate();
        try (TestGateway gateway = TestGateway.start(
                Map.of("caravan.receipts.key-env", "TEAM_RECEIPT_KEY"), Map.of("TEAM_RECEIPT_KEY", key.privatePem()))) {
            String jwks = Http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/.well-known/caravan/jwks.json"))
                            .GET()
                            .build())
                    .body();

            assertThat(new ObjectMapper()
                            .readTree(jwks)
                            .path("keys")
                            .path(0)
                            .path("kid")
                            .asText())
                    .isEqualTo(key.kid());
            try (Stream<java.nio.file.Path> files = Files.list(gateway.dataDir().resolve("keys"))) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly(key.kid() + ".pub.pem");
            }
        }
    }
}
