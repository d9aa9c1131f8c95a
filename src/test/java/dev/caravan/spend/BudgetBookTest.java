package dev.caravan.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.support.HandClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BudgetBookTest {
    static final long CALL = 1_250;
    static final Budget TEAM = new Budget(Budget.Scope.WORKSPACE, "team-a", Budget.Period.MONTHLY, 10 * CALL, null);

    final HandClock clock = new HandClock(Instant.parse("2026-12-06T10:00:00Z"));

    @Test
    void concurrentCallsNeverTakeABudgetPastItsHardLimit() throws Exception {
        BudgetBook book = new BudgetBook(List.of(TEAM), clock);
        List<Budget> applying = book.applying("team-a", null);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BudgetBook.Result>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return book.reserve(applying, CALL);
            }));
        }
        start.countDown();
        List<BudgetBook.Reservation> granted = Collections.synchronizedList(new ArrayList<>());
        for (Future<BudgetBook.Result> result : results) {
            if (result.get() instanceof BudgetBook.Reservation reservation) {
                granted.add(reservation);
            }
        }
        pool.shutdown();
        granted.forEach(r -> book.close(r, CALL, applying));

        assertThat(granted).hasSize(10);
        assertThat(book.spent(TEAM)).isEqualTo(10 * CALL);
        assertThat(book.reserve(applying, 1)).isInstanceOf(BudgetBook.Refusal.class);
    }

    @Test
    void aSettledCallFreesWhatItDidNotSpendAndAFailedOneFreesEverything() {
        BudgetBook book = new BudgetBook(List.of(TEAM), clock);
        List<Budget> applying = book.applying("team-a", null);

        BudgetBook.Reservation cheap = (BudgetBook.Reservation) book.reserve(applying, 6 * CALL);
        BudgetBook.Reservation failed = (BudgetBook.Reservation) book.reserve(applying, 4 * CALL);
        assertThat(book.reserve(applying, 1)).isInstanceOf(BudgetBook.Refusal.class);

        book.close(cheap, CALL, applying);
        book.close(failed, null, applying);
        book.close(failed, 5 * CALL, applying); // closing twice changes nothing

        assertThat(book.spent(TEAM)).isEqualTo(CALL);
        assertThat(book.reserve(applying, 9 * CALL)).isInstanceOf(BudgetBook.Reservation.class);
    }

    @Test
    void aRefusalSaysWhenTheBudgetsPeriodEnds() {
        Budget daily = new Budget(Budget.Scope.KEY, "k1", Budget.Period.DAILY, 100L, null);
        BudgetBook book = new BudgetBook(List.of(daily), clock);

        BudgetBook.Result result = book.reserve(book.applying(null, "k1"), 101);

        assertThat(result)
                .isInstanceOfSatisfying(BudgetBook.Refusal.class, refusal -> assertThat(refusal.retryAfterSeconds())
                        .isEqualTo(14 * 3600L));
    }

    @Test
    void aNewPeriodStartsFromNothing() {
        BudgetBook book = new BudgetBook(List.of(TEAM), clock);
        List<Budget> applying = book.applying("team-a", null);
        book.close((BudgetBook.Reservation) book.reserve(applying, 10 * CALL), 10 * CALL, applying);
        assertThat(book.reserve(applying, CALL)).isInstanceOf(BudgetBook.Refusal.class);

        clock.set(Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(book.spent(TEAM)).isZero();
        assertThat(book.reserve(applying, CALL)).isInstanceOf(BudgetBook.Reservation.class);
    }

    @Test
    void onlyTheBudgetsOfTheCallsWorkspaceAndKeyApply() {
        Budget key = new Budget(Budget.Scope.KEY, "k1", Budget.Period.TOTAL, 5L, null);
        BudgetBook book = new BudgetBook(List.of(TEAM, key), clock);

        assertThat(book.applying("team-a", "k1")).containsExactly(TEAM, key);
        assertThat(book.applying("team-b", "k2")).isEmpty();
        assertThat(book.reserve(book.applying("team-a", "k1"), 6))
                .isInstanceOfSatisfying(
                        BudgetBook.Refusal.class, r -> assertThat(r.budget()).isEqualTo(key));
    }

    @Test
    void crossingASoftThresholdIsReportedOnceByTheCallThatCrossedIt() {
        Budget soft = new Budget(Budget.Scope.WORKSPACE, "team-b", Budget.Period.DAILY, null, 2 * CALL);
        BudgetBook book = new BudgetBook(List.of(soft), clock);
        List<Budget> applying = book.applying("team-b", null);

        List<String> first = book.close((BudgetBook.Reservation) book.reserve(applying, CALL), CALL, applying);
        List<String> second = book.close((BudgetBook.Reservation) book.reserve(applying, CALL), CALL, applying);
        List<String> third = book.close((BudgetBook.Reservation) book.reserve(applying, CALL), CALL, applying);

        assertThat(first).isEmpty();
        assertThat(second).containsExactly("workspace:team-b:daily");
        assertThat(third).isEmpty();
        assertThat(book.reserve(applying, 100 * CALL)).isInstanceOf(BudgetBook.Reservation.class);
    }

    @Test
    void spendSurvivesASnapshotAndRestore() {
        BudgetBook book = new BudgetBook(List.of(TEAM), clock);
        List<Budget> applying = book.applying("team-a", null);
        book.close((BudgetBook.Reservation) book.reserve(applying, CALL), 3 * CALL, applying);

        BudgetBook restarted = new BudgetBook(List.of(TEAM), clock);
        restarted.restore(book.snapshot());

        assertThat(restarted.spent(TEAM)).isEqualTo(3 * CALL);
    }
}
