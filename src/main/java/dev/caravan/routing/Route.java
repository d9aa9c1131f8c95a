package dev.caravan.routing;

import java.time.Duration;
import java.util.List;

/**
 * An alias clients send as {@code model}, and how its calls are spread over its targets: the strategy, retries of the
 * same target, the time one attempt may take, the time a stream may take to its first event, and the cache lifetime.
 * A call that names no alias goes through a direct route: one target, no retries, no breaker.
 */
public record Route(
        String alias,
        Strategy strategy,
        int retryCount,
        Duration timeout,
        Duration firstTokenTimeout,
        Duration cacheTtl,
        List<Target> targets,
        boolean direct) {

    public Route {
        targets = List.copyOf(targets);
    }

    /** The implicit route of a call that names no alias: the chosen upstream and the model as sent. */
    public static Route direct(Upstream upstream, String model, Duration timeout) {
        Target only = new Target(upstream.name() + "|" + model, upstream, model, 1, java.util.Map.of());
        return new Route(null, Strategy.FAILOVER, 0, timeout, timeout, Duration.ZERO, List.of(only), true);
    }
}
