package dev.caravan.routing;

import dev.caravan.config.RoutingSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each route target's health: a resilience4j circuit breaker (opened by a failure rate or by consecutive failures,
 * half-open probes after a wait, closed by successful probes) and a moving average of its latency. Kept by target id,
 * so a reload that keeps a target keeps its history.
 */
public final class TargetHealth {
    /** Weight of the newest latency sample in the moving average. */
    private static final double ALPHA = 0.3;

    private final Map<String, Health> byTarget = new ConcurrentHashMap<>();
    private final BreakerPolicy defaults;
    private final Clock clock;

    public TargetHealth(RoutingSettings settings, Clock clock) {
        this.defaults = BreakerPolicy.of(settings);
        this.clock = clock;
    }

    /** The gateway-wide breaker policy, for targets whose route sets none. */
    public BreakerPolicy defaults() {
        return defaults;
    }

    /** Whether the target may be tried now (an open breaker says no until its wait is over); a yes must be answered by {@link #succeeded} or {@link #failed}. */
    public boolean tryAcquire(Target target) {
        return of(target).breaker.tryAcquirePermission();
    }

    /** The attempt worked (or failed through no fault of the target); {@code latencyNanos} feeds the average. */
    public void succeeded(Target target, long latencyNanos) {
        Health health = of(target);
        health.consecutiveFailures.set(0);
        health.breaker.onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
        health.observe(latencyNanos / 1e6);
    }

    /** The attempt failed in a way that counts against the target (connect error, timeout, 408, 429, 5xx). */
    public void failed(Target target, long durationNanos, Throwable cause) {
        Health health = of(target);
        health.breaker.onError(durationNanos, TimeUnit.NANOSECONDS, cause);
        if (health.consecutiveFailures.incrementAndGet() >= health.policy.consecutiveFailures()
                && health.breaker.getState() == CircuitBreaker.State.CLOSED) {
            health.breaker.transitionToOpenState();
        }
    }

    /** Gives back a permission that was acquired but not used (the call ended before this target was tried). */
    public void release(Target target) {
        of(target).breaker.releasePermission();
    }

    public CircuitBreaker.State state(Target target) {
        return of(target).breaker.getState();
    }

    /** The target's moving-average latency in milliseconds, or NaN before its first success. */
    public double latencyMillis(Target target) {
        return of(target).ewmaMillis;
    }

    public float failureRate(Target target) {
        return of(target).breaker.getMetrics().getFailureRate();
    }

    /** Forgets the targets no route has any more (after a reload). */
    public void retainOnly(Collection<Route> routes) {
        Set<String> live = ConcurrentHashMap.newKeySet();
        routes.forEach(route -> route.targets().forEach(t -> live.add(t.id())));
        byTarget.keySet().retainAll(live);
    }

    /** The target's health; a reload that changed its route's breaker policy starts it afresh. */
    private Health of(Target target) {
        BreakerPolicy policy = target.breaker() == null ? defaults : target.breaker();
        Health health = byTarget.computeIfAbsent(target.id(), id -> new Health(id, policy, clock));
        if (!health.policy.equals(policy)) {
            Health fresh = new Health(target.id(), policy, clock);
            return byTarget.merge(target.id(), fresh, (old, next) -> old.policy.equals(policy) ? old : next);
        }
        return health;
    }

    private static final class Health {
        final BreakerPolicy policy;
        final CircuitBreaker breaker;
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        volatile double ewmaMillis = Double.NaN;

        Health(String id, BreakerPolicy policy, Clock clock) {
            this.policy = policy;
            this.breaker = CircuitBreaker.of(
                    id,
                    CircuitBreakerConfig.custom()
                            .clock(clock)
                            .failureRateThreshold(policy.failureRate())
                            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                            .slidingWindowSize(policy.window())
                            .minimumNumberOfCalls(Math.min(policy.minimumCalls(), policy.window()))
                            .waitDurationInOpenState(policy.open())
                            .permittedNumberOfCallsInHalfOpenState(policy.halfOpenProbes())
                            .automaticTransitionFromOpenToHalfOpenEnabled(false)
                            .writableStackTraceEnabled(false)
                            .build());
            if (!policy.enabled()) {
                breaker.transitionToDisabledState();
            }
        }

        synchronized void observe(double millis) {
            ewmaMillis = Double.isNaN(ewmaMillis) ? millis : ALPHA * millis + (1 - ALPHA) * ewmaMillis;
        }
    }
}
