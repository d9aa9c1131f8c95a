package dev.caravan.spend;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Requests and tokens per minute per gateway key (by key id), on this replica. A key whose limits change in a reload
 * starts again with full buckets.
 */
public final class RateLimits {
    private final Clock clock;
    private final ConcurrentMap<String, KeyRate> rates = new ConcurrentHashMap<>();

    public RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** The buckets of a key with these limits (either may be null: no limit of that kind). */
    public KeyRate of(String keyId, Integer requestsPerMinute, Integer tokensPerMinute) {
        return rates.compute(
                keyId,
                (id, rate) -> rate != null && rate.sameLimits(requestsPerMinute, tokensPerMinute)
                        ? rate
                        : new KeyRate(requestsPerMinute, tokensPerMinute, clock));
    }
}
