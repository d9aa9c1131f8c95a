package dev.caravan.processors;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.Mode;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.http.SseRelay;
import dev.caravan.http.StreamStarter;
import dev.caravan.http.StreamingResponse;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.providers.StreamTap;
import dev.caravan.providers.TranslatingTap;
import dev.caravan.providers.Wire;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.routes.Vars;
import dev.caravan.routing.ResponseCache;
import dev.caravan.spend.Metering;
import dev.caravan.spend.PriceTable;
import dev.caravan.spend.TokenCounter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Answers with a chunked event stream whose head and first events leave at once, from the event loop that read them,
 * before the rest of the route runs, and that the relay then fills as the upstream sends, without buffering; under a
 * completion policy each event passes through the stream's governor, which redacts incrementally. The upstream call
 * starts the stream at its first event ({@link #starter(Exchange)}); as a step of the route it answers with the
 * stand-in that the connection drops (the stream is the call's answer).
 */
public final class RelayStream implements Processor {
    private static final String STAND_IN = "caravan.streamStandIn";

    private final CallLedger ledger;
    private final java.util.concurrent.Executor ending;
    private final CallReceipts receipts;
    private final Supplier<GuardEngine> guardrails;
    private final ResponseCache cache;
    private final Supplier<PriceTable> prices;

    public RelayStream(
            ExecutorService workers,
            CallLedger ledger,
            CallReceipts receipts,
            Supplier<GuardEngine> guardrails,
            ResponseCache cache,
            Supplier<PriceTable> prices) {
        this.cache = cache;
        this.ending = receipts.waitsForDisk() ? workers : Runnable::run;
        this.prices = prices;
        this.ledger = ledger;
        this.receipts = receipts;
        this.guardrails = guardrails;
    }

    /** What starts this call's stream at the upstream's first event, on the event loop that read it. */
    public StreamStarter starter(Exchange exchange) {
        return (upstream, firstEvents) -> start(exchange, upstream, firstEvents);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(exchange.getVariable(STAND_IN));
    }

    private SseRelay start(Exchange exchange, UpstreamExchange upstream, byte[] firstEvents) {
        CallRecord record = Vars.callRecord(exchange);
        StreamingResponse response = new StreamingResponse(upstream.status(), Vars.channel(exchange), upstream::abort);
        ApiRequest request = Vars.request(exchange);
        Wire wire = Vars.wire(exchange);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, upstream.contentType());
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        Replies.passBack(wire, upstream.headers(), headers::set);
        Replies.caravan(record, Vars.trace(exchange), headers::set);
        StreamTap tap = wire.tap(request, completionGuard(Vars.guardEngine(exchange, guardrails)));
        ChatTranslator translator = Vars.translator(exchange);
        if (translator != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
            tap = new TranslatingTap(
                    translator.events(),
                    translator.stream(record.upstreamModel(), System.currentTimeMillis() / 1000),
                    tap);
        }
        Vars.Reserved reserved = Vars.reserved(exchange);
        SseRelay.Hooks hooks = new SseRelay.Hooks(
                keeper(exchange, headers),
                () -> promptTokens(request),
                r -> {
                    Metering.meter(r, prices.get());
                    if (reserved != null) {
                        reserved.close(r);
                    }
                },
                ending);
        SseRelay relay = new SseRelay(upstream, tap, response, record, ledger, receipts, hooks);
        exchange.setVariable(Vars.STREAMING, true);
        exchange.setVariable(STAND_IN, relay.start(firstEvents));
        return relay;
    }

    /** The prompt's tokens, counted by the gateway: only asked for when the upstream never reported usage. */
    private static long promptTokens(ApiRequest request) {
        long tokens = 0;
        for (var text : request.promptTexts().texts()) {
            tokens += TokenCounter.count(text.text());
        }
        return tokens;
    }

    /** What keeps a cleanly ended stream in the cache of a route that keeps one (null when it keeps none). */
    private java.util.function.Consumer<byte[]> keeper(Exchange exchange, HttpHeaders headers) {
        String key = Vars.cacheKey(exchange);
        if (key == null) {
            return null;
        }
        headers.set("x-caravan-cache", "miss");
        CallRecord record = Vars.callRecord(exchange);
        java.time.Duration ttl = Vars.route(exchange).cacheTtl();
        return events -> cache.keep(
                key,
                new ResponseCache.Answer(events, true, record.usage(), record.upstream(), record.upstreamModel(), ttl));
    }

    /** The completion phase's stream guard, or null when the policy turns that phase off. */
    private static StreamGuard completionGuard(GuardEngine guardrails) {
        return guardrails.policy().completion().mode() == Mode.OFF ? null : guardrails.stream(Phase.COMPLETION);
    }
}
