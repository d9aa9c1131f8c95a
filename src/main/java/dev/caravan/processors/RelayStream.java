package dev.caravan.processors;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.http.SseRelay;
import dev.caravan.http.StreamingResponse;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.providers.openai.ChatStreamTap;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.routes.Vars;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Answers with a chunked event stream that a relay worker fills as the upstream sends, without buffering. */
public final class RelayStream implements Processor {
    private final ExecutorService workers;
    private final CallLedger ledger;
    private final CallReceipts receipts;

    public RelayStream(ExecutorService workers, CallLedger ledger, CallReceipts receipts) {
        this.workers = workers;
        this.ledger = ledger;
        this.receipts = receipts;
    }

    @Override
    public void process(Exchange exchange) {
        UpstreamExchange upstream = Vars.upstreamExchange(exchange);
        CallRecord record = Vars.callRecord(exchange);
        StreamingResponse response = new StreamingResponse(upstream.status(), Vars.channel(exchange), upstream::abort);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, upstream.contentType());
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        Replies.passBack(upstream.headers(), headers::set);
        Replies.caravan(
                record,
                Vars.trace(exchange),
                record.upstream(),
                Vars.chatRequest(exchange).model(),
                headers::set);
        ChatStreamTap tap = new ChatStreamTap(Vars.chatRequest(exchange).usageInjected());
        workers.execute(new SseRelay(upstream, tap, response, record, ledger, receipts));
        exchange.setVariable(Vars.STREAMING, true);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(response);
    }
}
