package dev.caravan.spend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket that holds up to {@code capacity} and refills it evenly over a minute; it starts full. A cost above
 * the capacity is charged as the capacity, so that it can ever pass. Not thread-safe: {@link KeyRate} holds its lock.
 */
final class TokenBucket {
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final long capacity;
    private final Clock clock;
    private double tokens;
    private long refilledAt;

    TokenBucket(long capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a bucket holds at least 1");
        }
        this.capacity = capacity;
        this.clock = clock;
        this.tokens = capacity;
        this.refilledAt = nanos(clock.instant());
    }

    long capacity() {
        return capacity;
    }

    /** How long until {@code cost} is available: zero when it is now. */
    Duration shortfall(long cost) {
        refill();
        double missing = Math.min(cost, capacity) - tokens;
        return missing <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(missing * MINUTE_NANOS / capacity));
    }

    /** Takes {@code cost} (capped at the capacity); callers check {@link #shortfall} first. */
    void take(long cost) {
        refill();
        tokens -= Math.min(cost, capacity);
    }

    /** Corrects an earlier charge by {@code delta}: positive takes more (the bucket may go below zero), negative gives back. */
    void correct(long delta) {
        refill();
        tokens = Math.min(capacity, tokens - delta);
    }

    private void refill() {
        long now = nanos(clock.instant());
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + (double) elapsed * capacity / MINUTE_NANOS);
            refilledAt = now;
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
