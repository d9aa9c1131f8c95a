package dev.caravan.spend;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** One key's request and token buckets, charged together or not at all. */
public final class KeyRate {
    private final Integer requestsPerMinute;
    private final Integer tokensPerMinute;
    private final TokenBucket requests;
    private final TokenBucket tokens;

    KeyRate(Integer requestsPerMinute, Integer tokensPerMinute, Clock clock) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.requests = requestsPerMinute == null ? null : new TokenBucket(requestsPerMinute, clock);
        this.tokens = tokensPerMinute == null ? null : new TokenBucket(tokensPerMinute, clock);
    }

    /** Charges one request and {@code estimatedTokens}; else charges nothing and says how long to wait. */
    public synchronized Duration acquire(long estimatedTokens) {
        Duration wait = Duration.ZERO;
        if (requests != null) {
            wait = requests.shortfall(1);
        }
        if (tokens != null) {
            Duration tokenWait = tokens.shortfall(estimatedTokens);
            wait = tokenWait.compareTo(wait) > 0 ? tokenWait : wait;
        }
        if (!wait.isZero()) {
            return wait;
        }
        if (requests != null) {
            requests.take(1);
        }
        if (tokens != null) {
            tokens.take(estimatedTokens);
        }
        return Duration.ZERO;
    }

    /** Replaces an up-front token estimate with the usage the provider reported. */
    public synchronized void settle(long estimatedTokens, long actualTokens) {
        if (tokens != null) {
            tokens.correct(Math.min(actualTokens, tokens.capacity()) - Math.min(estimatedTokens, tokens.capacity()));
        }
    }

    boolean sameLimits(Integer requestsPerMinute, Integer tokensPerMinute) {
        return Objects.equals(this.requestsPerMinute, requestsPerMinute)
                && Objects.equals(this.tokensPerMinute, tokensPerMinute);
    }
}
