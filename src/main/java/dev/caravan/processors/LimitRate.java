package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.routes.Vars;
import dev.caravan.spend.KeyRate;
import dev.caravan.spend.RateLimits;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Charges the call to its gateway key's requests and tokens per minute (tokens estimated up front, settled with the
 * reported usage when a non-streamed answer ends), or refuses it with 429 and {@code Retry-After}.
 */
public final class LimitRate implements Processor {
    private final RateLimits limits;

    public LimitRate(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayKey key = Vars.gatewayKey(exchange);
        if (key == null || !key.rateLimited()) {
            return;
        }
        KeyRate rate = limits.of(key.id(), key.requestsPerMinute(), key.tokensPerMinute());
        long estimate = Vars.request(exchange).tokenEstimate();
        Duration wait = rate.acquire(estimate);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new GatewayException(
                    ApiError.RATE_LIMIT_EXCEEDED,
                    "rate limit of this gateway key reached; retry in " + seconds + " s",
                    Map.of("retry-after", Long.toString(seconds)));
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                var usage = Vars.callRecord(done).usage();
                if (usage != null && !Vars.streaming(done)) {
                    rate.settle(estimate, usage.totalTokens());
                }
            }
        });
    }
}
