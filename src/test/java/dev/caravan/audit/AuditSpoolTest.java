package dev.caravan.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool keeps order, survives restarts and forgets only what Kafka acknowledged. */
class AuditSpoolTest {
    @TempDir
    Path dir;

    static List<String> ids(AuditSpool.Batch batch) {
        return batch.entries().stream().map(AuditSpool.Entry::decisionId).toList();
    }

    @Test
    void anUncommittedBatchIsTakenAgainInTheSameOrder() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                spool.append("d" + i, "{\"n\":" + i + "}");
            }
            AuditSpool.Batch first = spool.take(3);
            assertThat(ids(first)).containsExactly("d0", "d1", "d2");
            assertThat(ids(spool.take(3))).containsExactly("d0", "d1", "d2");

            spool.commit(first);
            AuditSpool.Batch rest = spool.take(10);
            assertThat(ids(rest)).containsExactly("d3", "d4");
            assertThat(rest.entries().get(1).json()).isEqualTo("{\"n\":4}");
            spool.commit(rest);
            assertThat(spool.take(10).isEmpty()).isTrue();
            assertThat(spool.drained()).isTrue();
        }
    }

    @Test
    void eventsLeftUnsentSurviveARestartAndComeBeforeNewOnes() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, 1 << 20)) {
            spool.append("a", "{}");
            spool.append("b", "{}");
            spool.commit(spool.take(1));
        }
        try (AuditSpool spool = AuditSpool.open(dir, 1 << 20)) {
            spool.append("c", "{}");
            List<String> taken = new ArrayList<>();
            for (AuditSpool.Batch batch = spool.take(10); !batch.isEmpty(); batch = spool.take(10)) {
                taken.addAll(ids(batch));
                spool.commit(batch);
            }
            assertThat(taken).containsExactly("b", "c");
        }
    }

    @Test
    void fullSegmentsRollAndAreDeletedOnceSent() throws IOException {
        try (AuditSpool spool = AuditSpool.open(dir, 1024)) {
            List<String> appended = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                spool.append("id-" + i, "{\"padding\":\"" + "x".repeat(40) + "\"}");
                appended.add("id-" + i);
            }
            assertThat(segments()).isGreaterThan(3);
            List<String> taken = new ArrayList<>();
            for (AuditSpool.Batch batch = spool.take(7); !batch.isEmpty(); batch = spool.take(7)) {
                taken.addAll(ids(batch));
                spool.commit(batch);
            }
            assertThat(taken).containsExactlyElementsOf(appended);
            assertThat(segments()).isEqualTo(1);
        }
    }

    private long segments() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("spool-"))
                    .count();
        }
    }
}
