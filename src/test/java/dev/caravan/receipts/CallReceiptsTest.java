package dev.caravan.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallReceiptsTest {
    @TempDir
    Path data;

    static CallRecord completedCall() {
        CallRecord record = new CallRecord(
                UUID.randomUUID().toString(),
                "4bf92f3577b34da6a3ce929d0e0e4736",
                Instant.now(),
                System.nanoTime(),
                "/v1/chat/completions",
                null,
                null,
                Map.of());
        record.requested("gpt-4o-mini", false);
        record.routedTo("openai", "gpt-4o-mini");
        record.completed(200, new Usage(3, 4, 7, 0, 0), false, null, System.nanoTime());
        return record;
    }

    /** Gives the writer about half a second of signing to do, so whatever is issued next waits its turn. */
    static void backlog(ReceiptChain chain) {
        for (int i = 0; i < 5_000; i++) {
            chain.issue(completedCall().receiptFacts());
        }
    }

    @Test
    void waitingForDiskReturnsOnlyOnceTheReceiptIsInTheLogAndNotWaitingReturnsAtOnce() throws Exception {
        try (ReceiptChain chain = ReceiptChain.open(data, "n1", ReceiptKeyStore.open(data), Duration.ofMillis(1000))) {
            CallRecord notWaiting = completedCall();
            backlog(chain);
            new CallReceipts(chain, false).issue(notWaiting);
            assertThat(Files.readString(chain.file())).doesNotContain(notWaiting.decisionId());

            CallRecord waiting = completedCall();
            backlog(chain);
            ReceiptChain.Issued issued = new CallReceipts(chain, true).issue(waiting);
            assertThat(Files.readString(chain.file())).contains(waiting.decisionId());
            assertThat(waiting.receipt()).isEqualTo(issued.header()).isEqualTo("n1:" + issued.seq());
        }
    }

    @Test
    void aReceiptCommitsToTheCallsFactsButNeverItsPromptOrKey() {
        Map<String, Object> facts = completedCall().receiptFacts();

        assertThat(facts)
                .containsKeys(
                        "decision_id",
                        "endpoint",
                        "upstream",
                        "model",
                        "usage",
                        "request_sha256",
                        "response_sha256",
                        "truncated",
                        "verdicts",
                        "redactions",
                        "cost_micros",
                        "policy_version",
                        "price_version",
                        "failed_open");
        assertThat(facts.get("cost_micros")).isEqualTo(CallRecord.NOT_RUN);
        assertThat(facts.values()).noneMatch(v -> v instanceof Double || v instanceof Float);
    }
}
