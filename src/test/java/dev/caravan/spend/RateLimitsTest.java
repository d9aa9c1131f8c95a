package dev.caravan.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.support.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    final HandClock clock = new HandClock(Instant.parse("2026-12-01T00:00:00Z"));
    final RateLimits limits = new RateLimits(clock);

    @Test
    void aKeyGetsItsRequestsPerMinuteAndThenWaitsForTheNextToRefill() {
        KeyRate rate = limits.of("k1", 3, null);

        assertThat(rate.acquire(0)).isZero();
        assertThat(rate.acquire(0)).isZero();
        assertThat(rate.acquire(0)).isZero();
        assertThat(rate.acquire(0)).isEqualTo(Duration.ofSeconds(20));

        clock.advance(Duration.ofSeconds(20));
        assertThat(rate.acquire(0)).isZero();
        assertThat(rate.acquire(0)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void tokensAreChargedByTheEstimateAndTheWaitIsUntilEnoughHaveRefilled() {
        KeyRate rate = limits.of("k1", null, 600);

        assertThat(rate.acquire(500)).isZero();
        assertThat(rate.acquire(200)).isEqualTo(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        assertThat(rate.acquire(200)).isZero();
    }

    @Test
    void aRefusedCallChargesNeitherBucket() {
        KeyRate rate = limits.of("k1", 2, 100);

        assertThat(rate.acquire(90)).isZero();
        assertThat(rate.acquire(50)).isPositive();
        assertThat(rate.acquire(10)).isZero();
        assertThat(rate.acquire(0)).as("both requests used").isPositive();
    }

    @Test
    void anEstimateAboveTheCapacityPassesOnAFullBucketAndEmptiesIt() {
        KeyRate rate = limits.of("k1", null, 100);

        assertThat(rate.acquire(5_000)).isZero();
        assertThat(rate.acquire(1)).isPositive();
    }

    @Test
    void settlingWithTheReportedUsageGivesBackWhatTheEstimateOvercharged() {
        KeyRate rate = limits.of("k1", null, 100);
        assertThat(rate.acquire(100)).isZero();

        rate.settle(100, 30);

        assertThat(rate.acquire(70)).isZero();
        assertThat(rate.acquire(1)).isPositive();
    }

    @Test
    void keysHaveTheirOwnBucketsAndNewLimitsStartAFreshOne() {
        assertThat(limits.of("a", 1, null).acquire(0)).isZero();
        assertThat(limits.of("b", 1, null).acquire(0)).isZero();
        assertThat(limits.of("a", 1, null).acquire(0)).isPositive();

        assertThat(limits.of("a", 2, null).acquire(0)).isZero();
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheLimit() throws Exception {
        KeyRate rate = limits.of("k1", 50, null);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 400; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (rate.acquire(0).isZero()) {
                    granted.incrementAndGet();
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(granted).hasValue(50);
    }
}
