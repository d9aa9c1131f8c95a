package dev.caravan.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.call.CallRecord;
import dev.caravan.support.SampleCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallReceiptsTest {
    @TempDir
    Path data;

    /** Gives the writer about half a second of signing to do, so whatever is issued next waits its turn. */
    static void backlog(ReceiptChain chain) {
        for (int i = 0; i < 5_000; i++) {
            chain.issue(SampleCalls.completedCall().receiptFacts());
        }
    }

    @Test
    void waitingForDiskReturnsOnlyOnceTheReceiptIsInTheLogAndNotWaitingReturnsAtOnce() throws Exception {
        try (ReceiptChain chain = ReceiptChain.open(data, "n1", ReceiptKeyStore.open(data), Duration.ofMillis(1000))) {
            CallRecord notWaiting = SampleCalls.completedCall();
            backlog(chain);
            new CallReceipts(chain, false).issue(notWaiting);
            assertThat(Files.readString(chain.file())).doesNotContain(notWaiting.decisionId());

            CallRecord waiting = SampleCalls.completedCall();
            backlog(chain);
            ReceiptChain.Issued issued = new CallReceipts(chain, true).issue(waiting);
            assertThat(Files.readString(chain.file())).contains(waiting.decisionId());
            assertThat(waiting.receipt()).isEqualTo(issued.header()).isEqualTo("n1:" + issued.seq());
        }
    }

    @Test
    void aReceiptCommitsToTheCallsFactsButNeverItsPromptOrKey() {
        Map<String, Object> facts = SampleCalls.completedCall().receiptFacts();

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
