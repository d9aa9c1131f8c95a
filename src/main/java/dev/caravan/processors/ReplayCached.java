package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.routes.Vars;
import dev.caravan.routing.ResponseCache;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers from the response cache without calling upstream: a JSON answer as it was, or a stream's events in one
 * piece (its receipt then travels in {@code x-caravan-receipt}, like any answer given whole).
 */
public final class ReplayCached implements Processor {
    @Override
    public void process(Exchange exchange) {
        ResponseCache.Answer answer = Vars.cached(exchange);
        CallRecord record = Vars.callRecord(exchange);
        record.routedTo(answer.upstream(), answer.model());
        record.completed(200, answer.usage(), false, null, System.nanoTime());
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, answer.stream() ? "text/event-stream" : "application/json");
        Replies.caravan(record, Vars.trace(exchange), out::setHeader);
        out.setHeader("x-caravan-cache", "hit");
        out.setBody(answer.body());
    }
}
