package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.providers.openai.ChatUsage;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers with the upstream's status, content type and body unchanged (errors too), and records the usage it reports. */
public final class RelayResponse implements Processor {
    @Override
    public void process(Exchange exchange) {
        UpstreamExchange upstream = Vars.upstreamExchange(exchange);
        byte[] body = upstream.readAll();
        CallRecord record = Vars.callRecord(exchange);
        record.completed(
                upstream.status(),
                usage(upstream, body),
                false,
                upstream.status() >= 400 ? "upstream_" + upstream.status() : null,
                System.nanoTime());
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, upstream.status());
        String contentType = upstream.contentType();
        if (!contentType.isEmpty()) {
            out.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        Replies.passBack(upstream.headers(), out::setHeader);
        Replies.caravan(
                record,
                Vars.trace(exchange),
                record.upstream(),
                Vars.chatRequest(exchange).model(),
                out::setHeader);
        out.setBody(body);
    }

    private static Usage usage(UpstreamExchange upstream, byte[] body) {
        if (upstream.status() != 200 || !upstream.contentType().contains("json")) {
            return null;
        }
        return ChatUsage.fromBody(body);
    }
}
