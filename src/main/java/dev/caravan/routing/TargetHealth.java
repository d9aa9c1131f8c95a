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
    private final CircuitBreakerConfig config;
    private final int consecutiveToOpen;

    public TargetHealth(RoutingSettings settings, Clock clock) {
        this.config = CircuitBreakerConfig.custom()
                .clock(clock)
                .failureRateThreshold(settings.breakerFailureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.min(settings.breakerMinimumCalls(), settings.breakerWindow()))
                .waitDurationInOpenState(settings.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenProbes())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
        this.consecutiveToOpen = settings.breakerConsecutiveFailures();
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
        if (health.consecutiveFailures.incrementAndGet() >= consecutiveToOpen
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

    private Health of(Target target) {
        return byTarget.computeIfAbsent(target.id(), id -> new Health(CircuitBreaker.of(id, config)));
    }

    private static final class Health {
        final CircuitBreaker breaker;
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        volatile double ewmaMillis = Double.NaN;

        Health(CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        synchronized void observe(double millis) {
            ewmaMillis = Double.isNaN(ewmaMillis) ? millis : ALPHA * millis + (1 - ALPHA) * ewmaMillis;
        }
    }
}
