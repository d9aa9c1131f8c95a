package dev.caravan.processors;

import dev.caravan.routes.Vars;
import dev.caravan.routing.ResponseCache;
import dev.caravan.routing.Route;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Looks the call up in the response cache when its route keeps one: after the prompt guardrails, so a hit is keyed on
 * the request as it would have gone upstream, and on the gateway key's workspace, so workspaces never share answers.
 */
public final class LookupCache implements Processor {
    /** The workspace of every call on an open gateway (no gateway keys). */
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
        String workspace = Vars.callRecord(exchange).workspace();
        // the targets this call may use are part of the key: a key restricted by allow-lists never gets an answer
        // that came from a target it may not use
        String targets = Vars.plan(exchange).stream()
                .map(dev.caravan.routing.Target::id)
                .sorted()
                .collect(java.util.stream.Collectors.joining(","));
        String key = ResponseCache.key(
                workspace == null ? OPEN_WORKSPACE : workspace,
                route.alias() + "\n" + Vars.wire(exchange).path() + "\n" + targets,
                Vars.request(exchange).json().toString());
        exchange.setVariable(Vars.CACHE_KEY, key);
        cache.find(key).ifPresent(answer -> exchange.setVariable(Vars.CACHED, answer));
        Vars.callRecord(exchange).cache(Vars.cacheHit(exchange));
    }
}
