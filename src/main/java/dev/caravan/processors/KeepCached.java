package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.routes.Vars;
import dev.caravan.routing.ResponseCache;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Keeps a successful non-streamed answer, as the client gets it, in the cache of a route that keeps one. */
public final class KeepCached implements Processor {
    private final ResponseCache cache;

    public KeepCached(ResponseCache cache) {
        this.cache = cache;
    }

    @Override
    public void process(Exchange exchange) {
        String key = Vars.cacheKey(exchange);
        if (key == null) {
            return;
        }
        Message out = exchange.getMessage();
        out.setHeader("x-caravan-cache", "miss");
        CallRecord record = Vars.callRecord(exchange);
        if (Vars.answer(exchange) == null || !Integer.valueOf(200).equals(record.status())) {
            return;
        }
        cache.keep(
                key,
                new ResponseCache.Answer(
                        out.getBody(byte[].class),
                        false,
                        record.usage(),
                        record.upstream(),
                        record.upstreamModel(),
                        Vars.route(exchange).cacheTtl()));
    }
}
