package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code caravan.receipts.wait-for-disk}, an answer is not complete before its receipt is on disk: the plain
 * answer's last byte, and a stream's receipt line and end, leave only after the receipt was written and flushed (for a
 * stream, on a worker, since an event loop must not wait for the disk).
 */
class ReceiptsWaitForDiskTest {
    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        gateway = TestGateway.start(
                Map.of("caravan.node-id", "disk-node", "caravan.receipts.wait-for-disk", "true"), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    private static HttpResponse<String> call(boolean stream) {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("mock?chunks=5", stream))
                .header("authorization", "Bearer sk-disk-test")
                .header("x-caravan-upstream", mock.baseUrl())
                .build());
    }

    private static String receiptLog() throws Exception {
        Path log = gateway.dataDir().resolve("receipts").resolve("disk-node.jsonl");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void aStreamEndsOnlyOnceItsReceiptIsOnDisk() throws Exception {
        HttpResponse<String> response = call(true);

        assertThat(response.body()).contains(": caravan-receipt disk-node:").endsWith("data: [DONE]\n\n");
        assertThat(receiptLog())
                .contains(response.headers().firstValue("x-caravan-decision-id").orElseThrow());
    }

    @Test
    void aPlainAnswerArrivesOnlyOnceItsReceiptIsOnDisk() throws Exception {
        HttpResponse<String> response = call(false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-caravan-receipt")).isPresent();
        assertThat(receiptLog())
                .contains(response.headers().firstValue("x-caravan-decision-id").orElseThrow());
    }
}
