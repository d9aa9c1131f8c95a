package dev.caravan.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caravan.config.RoutingSettings;
import dev.caravan.support.HandClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetHealthTest {
    /** Opens after 3 consecutive failures, or at 50% failures once 4 of the last 10 calls are in; 30 s open, 2 probes. */
    static final RoutingSettings SETTINGS =
            new RoutingSettings(Duration.ofSeconds(2), 50, 10, 4, 3, Duration.ofSeconds(30), 2, Duration.ofSeconds(2));

    /** resilience4j lets the first probe through once the clock is strictly after the end of the wait. */
    static final Duration PAST_THE_WAIT = SETTINGS.breakerOpen().plusMillis(1);

    static final long MS = 1_000_000L;
    static final IOException BOOM = new IOException("connect refused");

    final HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
    final TargetHealth health = new TargetHealth(SETTINGS, clock);
    final Target a = target("a");
    final Target b = target("b");

    static Target target(String name) {
        Upstream upstream =
                new Upstream(name, URI.create("http://" + name + ".test/v1"), Optional.empty(), false, false);
        return new Target("r|" + name + "|m|1", upstream, "m", 1, Map.of());
    }

    void fail(Target target) {
        assertThat(health.tryAcquire(target)).isTrue();
        health.failed(target, 5 * MS, BOOM);
    }

    void succeed(Target target, long latencyMillis) {
        assertThat(health.tryAcquire(target)).isTrue();
        health.succeeded(target, latencyMillis * MS);
    }

    void openByConsecutiveFailures(Target target) {
        for (int i = 0; i < SETTINGS.breakerConsecutiveFailures(); i++) {
            fail(target);
        }
        assertThat(health.state(target)).isEqualTo(State.OPEN);
    }

    static Target withPolicy(String name, BreakerPolicy policy) {
        Target plain = target(name);
        return new Target(plain.id(), plain.upstream(), plain.model(), 1, Map.of(), policy);
    }

    @Test
    void aRouteWithBreakersDisabledIsAlwaysTriedAndNeverOpens() {
        Target off = withPolicy(
                "off",
                BreakerPolicy.of(SETTINGS)
                        .with(
                                new dev.caravan.config.RouteEntry.BreakerEntry(
                                        false, null, null, null, null, null, null),
                                ""));

        for (int i = 0; i < 20; i++) {
            fail(off);
        }

        assertThat(health.state(off)).isEqualTo(State.DISABLED);
        assertThat(health.tryAcquire(off)).isTrue();
    }

    @Test
    void aRoutesOwnPolicyDecidesWhenItsTargetOpens() {
        Target touchy = withPolicy(
                "touchy",
                BreakerPolicy.of(SETTINGS)
                        .with(
                                new dev.caravan.config.RouteEntry.BreakerEntry(null, null, null, null, 1, null, null),
                                ""));

        fail(touchy);

        assertThat(health.state(touchy)).isEqualTo(State.OPEN);
    }

    @Test
    void aChangedPolicyStartsTheTargetsBreakerAfresh() {
        openByConsecutiveFailures(a);

        Target retuned = withPolicy(
                "a",
                BreakerPolicy.of(SETTINGS)
                        .with(
                                new dev.caravan.config.RouteEntry.BreakerEntry(null, null, null, null, 10, null, null),
                                ""));

        assertThat(health.state(retuned)).isEqualTo(State.CLOSED);
        assertThat(health.tryAcquire(retuned)).isTrue();
        health.release(retuned);
    }

    @Test
    void aNewTargetIsClosedAndMayBeTried() {
        assertThat(health.state(a)).isEqualTo(State.CLOSED);
        assertThat(health.tryAcquire(a)).isTrue();
        health.release(a);
    }

    @Test
    void theBreakerOpensAfterTheConfiguredConsecutiveFailures() {
        fail(a);
        fail(a);
        assertThat(health.state(a)).isEqualTo(State.CLOSED);

        fail(a);

        assertThat(health.state(a)).isEqualTo(State.OPEN);
        assertThat(health.tryAcquire(a)).isFalse();
    }

    @Test
    void aSuccessInBetweenResetsTheConsecutiveCount() {
        for (int i = 0; i < 6; i++) {
            succeed(a, 10); // keeps the failure rate under 50% over the window of 10
        }
        fail(a);
        fail(a);
        succeed(a, 10);
        fail(a);
        fail(a);

        assertThat(health.state(a)).isEqualTo(State.CLOSED);
    }

    @Test
    void theBreakerOpensOnTheFailureRateOverTheWindowWithoutAConsecutiveRun() {
        // F S F S: never two failures in a row, but 50% once the minimum of 4 calls is in
        fail(a);
        succeed(a, 10);
        fail(a);
        assertThat(health.state(a)).isEqualTo(State.CLOSED);
        succeed(a, 10);

        assertThat(health.state(a)).isEqualTo(State.OPEN);
        assertThat(health.failureRate(a)).isEqualTo(50.0f);
    }

    @Test
    void aFailureRateUnderTheThresholdKeepsTheBreakerClosed() {
        for (int i = 0; i < 3; i++) {
            fail(a);
            succeed(a, 10);
            succeed(a, 10);
            succeed(a, 10);
        }

        assertThat(health.state(a)).isEqualTo(State.CLOSED);
    }

    @Test
    void anOpenBreakerRefusesUntilItsWaitIsOverThenAllowsExactlyTheProbes() {
        openByConsecutiveFailures(a);

        clock.advance(Duration.ofSeconds(29));
        assertThat(health.tryAcquire(a)).isFalse();
        assertThat(health.state(a)).isEqualTo(State.OPEN);

        clock.advance(Duration.ofSeconds(1));
        assertThat(health.tryAcquire(a)).as("at exactly the end of the wait").isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(health.tryAcquire(a)).isTrue();
        assertThat(health.state(a)).isEqualTo(State.HALF_OPEN);
        assertThat(health.tryAcquire(a)).isTrue();
        assertThat(health.tryAcquire(a)).isFalse();

        health.release(a);
        health.release(a);
    }

    @Test
    void successfulProbesCloseTheBreaker() {
        openByConsecutiveFailures(a);
        clock.advance(PAST_THE_WAIT);

        succeed(a, 10);
        assertThat(health.state(a)).isEqualTo(State.HALF_OPEN);
        succeed(a, 10);

        assertThat(health.state(a)).isEqualTo(State.CLOSED);
        assertThat(health.tryAcquire(a)).isTrue();
        health.release(a);
    }

    @Test
    void aFailedProbeReopensTheBreaker() {
        openByConsecutiveFailures(a);
        clock.advance(PAST_THE_WAIT);

        fail(a);
        fail(a);

        assertThat(health.state(a)).isEqualTo(State.OPEN);
        assertThat(health.tryAcquire(a)).isFalse();
    }

    @Test
    void oneFailedProbeReopensTheBreakerEvenWhenTheOtherSucceeds() {
        openByConsecutiveFailures(a);
        clock.advance(PAST_THE_WAIT);

        fail(a);
        assertThat(health.state(a)).as("decided once every probe has answered").isEqualTo(State.HALF_OPEN);
        succeed(a, 10);

        assertThat(health.state(a)).isEqualTo(State.OPEN);
    }

    @Test
    void aSingleFailedProbeReopensTheBreakerWhenOneProbeIsAllowed() {
        RoutingSettings oneProbe = new RoutingSettings(
                Duration.ofSeconds(2), 50, 10, 4, 3, Duration.ofSeconds(30), 1, Duration.ofSeconds(2));
        TargetHealth strict = new TargetHealth(oneProbe, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(strict.tryAcquire(a)).isTrue();
            strict.failed(a, MS, BOOM);
        }
        clock.advance(PAST_THE_WAIT);

        assertThat(strict.tryAcquire(a)).isTrue();
        strict.failed(a, MS, BOOM);

        assertThat(strict.state(a)).isEqualTo(State.OPEN);
        assertThat(strict.tryAcquire(a)).isFalse();
    }

    @Test
    void aReopenedBreakerWaitsAFullPeriodAgain() {
        openByConsecutiveFailures(a);
        clock.advance(PAST_THE_WAIT);
        fail(a);
        fail(a);

        clock.advance(Duration.ofSeconds(29));
        assertThat(health.tryAcquire(a)).isFalse();
        clock.advance(Duration.ofMillis(1001));
        assertThat(health.tryAcquire(a)).isTrue();
        health.release(a);
    }

    @Test
    void oneTargetsFailuresLeaveAnotherAlone() {
        openByConsecutiveFailures(a);

        assertThat(health.state(b)).isEqualTo(State.CLOSED);
        assertThat(health.tryAcquire(b)).isTrue();
        health.release(b);
    }

    @Test
    void latencyIsNotANumberBeforeTheFirstSuccess() {
        assertThat(health.latencyMillis(a)).isNaN();

        fail(a);

        assertThat(health.latencyMillis(a)).isNaN();
    }

    @Test
    void latencyStartsAtTheFirstSampleThenMovesByAlphaPointThree() {
        succeed(a, 100);
        assertThat(health.latencyMillis(a)).isEqualTo(100.0, within(1e-9));

        succeed(a, 200); // 0.3 * 200 + 0.7 * 100
        assertThat(health.latencyMillis(a)).isEqualTo(130.0, within(1e-9));

        succeed(a, 50); // 0.3 * 50 + 0.7 * 130
        assertThat(health.latencyMillis(a)).isEqualTo(106.0, within(1e-9));
    }

    @Test
    void latencyKeepsSubMillisecondPrecision() {
        assertThat(health.tryAcquire(a)).isTrue();
        health.succeeded(a, 1_500_000L);

        assertThat(health.latencyMillis(a)).isEqualTo(1.5, within(1e-9));
    }

    @Test
    void retainOnlyForgetsTargetsNoRouteHasAnyMore() {
        openByConsecutiveFailures(a);
        succeed(b, 40);
        Route keepsOnlyB = new Route(
                "r",
                Strategy.FAILOVER,
                0,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ZERO,
                List.of(b),
                false);

        health.retainOnly(List.of(keepsOnlyB));

        assertThat(health.state(a)).isEqualTo(State.CLOSED);
        assertThat(health.latencyMillis(a)).isNaN();
        assertThat(health.tryAcquire(a)).isTrue();
        health.release(a);
        assertThat(health.latencyMillis(b)).isEqualTo(40.0, within(1e-9));
    }

    @Test
    void retainOnlyKeepsTheHistoryOfAKeptTarget() {
        openByConsecutiveFailures(a);
        Route keepsA = new Route(
                "r",
                Strategy.FAILOVER,
                0,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ZERO,
                List.of(a),
                false);

        health.retainOnly(List.of(keepsA));

        assertThat(health.state(a)).isEqualTo(State.OPEN);
    }
}
