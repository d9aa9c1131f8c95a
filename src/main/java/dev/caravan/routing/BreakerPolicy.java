package dev.caravan.routing;

import dev.caravan.config.ConfigException;
import dev.caravan.config.RouteEntry.BreakerEntry;
import dev.caravan.config.RoutingSettings;
import java.time.Duration;

/**
 * When a target's circuit breaker opens and for how long: the gateway's {@code caravan.routing.breaker.*} settings,
 * or a route's own {@code breaker} section over them ({@code enabled: false} turns the route's breakers off).
 */
public record BreakerPolicy(
        boolean enabled,
        int failureRate,
        int window,
        int minimumCalls,
        int consecutiveFailures,
        Duration open,
        int halfOpenProbes) {

    /** The gateway-wide policy from settings. */
    public static BreakerPolicy of(RoutingSettings settings) {
        return new BreakerPolicy(
                true,
                settings.breakerFailureRate(),
                settings.breakerWindow(),
                settings.breakerMinimumCalls(),
                settings.breakerConsecutiveFailures(),
                settings.breakerOpen(),
                settings.halfOpenProbes());
    }

    /** This policy with a route's {@code breaker} section laid over it; {@code at} names the route for errors. */
    public BreakerPolicy with(BreakerEntry entry, String at) {
        if (entry == null) {
            return this;
        }
        BreakerPolicy merged = new BreakerPolicy(
                entry.enabled() == null ? enabled : entry.enabled(),
                entry.failureRate() == null ? failureRate : entry.failureRate(),
                entry.window() == null ? window : entry.window(),
                entry.minimumCalls() == null ? minimumCalls : entry.minimumCalls(),
                entry.consecutiveFailures() == null ? consecutiveFailures : entry.consecutiveFailures(),
                entry.openMs() == null ? open : Duration.ofMillis(entry.openMs()),
                entry.halfOpenProbes() == null ? halfOpenProbes : entry.halfOpenProbes());
        if (merged.failureRate < 1 || merged.failureRate > 100) {
            throw new ConfigException(at + "breaker.failureRate must be a percentage from 1 to 100");
        }
        if (merged.window < 1
                || merged.minimumCalls < 1
                || merged.consecutiveFailures < 1
                || merged.halfOpenProbes < 1) {
            throw new ConfigException(
                    at + "breaker.window, minimumCalls, consecutiveFailures and halfOpenProbes must be positive");
        }
        if (merged.open.isNegative() || merged.open.isZero()) {
            throw new ConfigException(at + "breaker.openMs must be positive");
        }
        return merged;
    }
}
