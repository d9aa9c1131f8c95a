package dev.caravan.guardrails.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.guardrails.approvals.Approval.Status;
import dev.caravan.support.HandClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalStoreTest {
    @TempDir
    Path dir;

    private final HandClock clock = new HandClock(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void anApprovedHoldLetsOnlyItsOwnBodyThrough() {
        ApprovalStore store = new ApprovalStore(dir, Duration.ofHours(1), clock);
        Approval held = store.hold("hash-a", List.of("custom.payroll"), null);

        assertThat(store.allows(held.id(), "hash-a", null)).isFalse();
        store.decide(held.id(), true);

        assertThat(store.allows(held.id(), "hash-a", null)).isTrue();
        assertThat(store.allows(held.id(), "hash-b", null)).isFalse();
    }

    @Test
    void approvalsSurviveARestart() {
        ApprovalStore first = new ApprovalStore(dir, Duration.ofHours(1), clock);
        Approval pending = first.hold("hash-a", List.of("custom.payroll"), null);
        Approval approved = first.hold("hash-b", List.of("custom.payroll"), null);
        first.decide(approved.id(), true);

        ApprovalStore second = new ApprovalStore(dir, Duration.ofHours(1), clock);

        assertThat(second.find(pending.id())).get().extracting(Approval::status).isEqualTo(Status.PENDING);
        assertThat(second.allows(approved.id(), "hash-b", null)).isTrue();
    }

    @Test
    void approvalsExpireAndAnExpiredOneCannotBeDecided() {
        ApprovalStore store = new ApprovalStore(dir, Duration.ofMinutes(10), clock);
        Approval pending = store.hold("hash-a", List.of("custom.payroll"), null);
        Approval approved = store.hold("hash-b", List.of("custom.payroll"), null);
        store.decide(approved.id(), true);

        clock.advance(Duration.ofMinutes(10));

        assertThat(store.find(pending.id())).get().extracting(Approval::status).isEqualTo(Status.EXPIRED);
        assertThat(store.allows(approved.id(), "hash-b", null)).isFalse();
        assertThatThrownBy(() -> store.decide(pending.id(), true)).hasMessageContaining("expired");
    }

    @Test
    void holdingTheSameBodyAgainAfterExpiryCreatesANewApproval() {
        ApprovalStore store = new ApprovalStore(dir, Duration.ofMinutes(10), clock);
        Approval first = store.hold("hash-a", List.of("custom.payroll"), null);

        clock.advance(Duration.ofMinutes(11));

        assertThat(store.hold("hash-a", List.of("custom.payroll"), null).id()).isNotEqualTo(first.id());
    }

    @Test
    void aDecisionIsFinal() {
        ApprovalStore store = new ApprovalStore(dir, Duration.ofHours(1), clock);
        Approval held = store.hold("hash-a", List.of("custom.payroll"), null);
        store.decide(held.id(), false);

        assertThatThrownBy(() -> store.decide(held.id(), true)).hasMessageContaining("already denied");
        assertThat(store.decide(held.id(), false).status()).isEqualTo(Status.DENIED);
    }

    @Test
    void longExpiredApprovalsAreDroppedOnStart() {
        ApprovalStore store = new ApprovalStore(dir, Duration.ofMinutes(10), clock);
        Approval old = store.hold("hash-a", List.of("custom.payroll"), null);

        clock.advance(Duration.ofMinutes(21));
        ApprovalStore restarted = new ApprovalStore(dir, Duration.ofMinutes(10), clock);

        assertThat(restarted.find(old.id())).isEmpty();
        assertThat(dir.resolve(old.id() + ".json")).doesNotExist();
    }

    @Test
    void anApprovalBelongsToTheWorkspaceOfTheCallItHeld() {
        ApprovalStore store = new ApprovalStore(dir, Duration.ofHours(1), clock);
        Approval payments = store.hold("hash-a", List.of("custom.payroll"), "payments");

        assertThat(store.hold("hash-a", List.of("custom.payroll"), "research").id())
                .isNotEqualTo(payments.id());
        assertThat(store.hold("hash-a", List.of("custom.payroll"), "payments").id())
                .isEqualTo(payments.id());

        store.decide(payments.id(), true);
        assertThat(store.allows(payments.id(), "hash-a", "payments")).isTrue();
        assertThat(store.allows(payments.id(), "hash-a", "research")).isFalse();
        assertThat(store.allows(payments.id(), "hash-a", null)).isFalse();
    }
}
