package dev.caravan.config;

import java.time.Duration;

/**
 * How routes retry and when a target's circuit breaker opens: on a failure rate over a sliding window of calls, or on
 * consecutive failures; it stays open for {@code breakerOpen}, then lets {@code halfOpenProbes} calls probe it.
 */
public record RoutingSettings(
        Duration maxRetryWait,
        int breakerFailureRate,
        int breakerWindow,
        int breakerMinimumCalls,
        int breakerConsecutiveFailures,
        Duration breakerOpen,
        int halfOpenProbes,
        Duration reloadInterval) {

    public static final RoutingSettings DEFAULTS =
            new RoutingSettings(Duration.ofSeconds(2), 50, 20, 10, 5, Duration.ofSeconds(30), 2, Duration.ofSeconds(2));

    public RoutingSettings {
        if (breakerFailureRate < 1 || breakerFailureRate > 100) {
            throw new ConfigException("caravan.routing.breaker.failure-rate must be a percentage from 1 to 100");
        }
        if (breakerWindow < 1 || breakerMinimumCalls < 1 || breakerConsecutiveFailures < 1 || halfOpenProbes < 1) {
            throw new ConfigException(
                    "caravan.routing.breaker.window, minimum-calls, consecutive-failures and half-open-probes must be positive");
        }
        if (maxRetryWait.isNegative()
                || breakerOpen.isNegative()
                || breakerOpen.isZero()
                || reloadInterval.isNegative()) {
            throw new ConfigException("caravan.routing durations must not be negative (and open-ms must be positive)");
        }
    }
}
