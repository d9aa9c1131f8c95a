package dev.caravan.processors;

import dev.caravan.routes.Vars;
import dev.caravan.routing.ResponseCache;
import dev.caravan.routing.Route;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Looks the call up in the response cache when its route keeps one: after the prompt guardrails, so a hit is keyed on
 * the request as it would have gone upstream.
 */
public final class LookupCache implements Processor {
    /** The workspace of every call until gateway keys name one. */
    static final String OPEN_WORKSPACE = "-";

    private final ResponseCache cache;

    public LookupCache(ResponseCache cache) {
        this.cache = cache;
    }

    @Override
    public void process(Exchange exchange) {
        Route route = Vars.route(exchange);
        if (route.direct() || route.cacheTtl().isZero()) {
            return;
        }
        String key = ResponseCache.key(
                OPEN_WORKSPACE, route.alias(), Vars.chatRequest(exchange).json().toString());
        exchange.setVariable(Vars.CACHE_KEY, key);
        cache.find(key).ifPresent(answer -> exchange.setVariable(Vars.CACHED, answer));
        Vars.callRecord(exchange).cache(Vars.cacheHit(exchange));
    }
}
