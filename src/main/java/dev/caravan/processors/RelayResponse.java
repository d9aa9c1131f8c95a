package dev.caravan.processors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.routes.Vars;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers with the upstream's status, content type and body unchanged (errors too), and records the usage it reports. */
public final class RelayResponse implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) {
        UpstreamExchange upstream = Vars.upstreamExchange(exchange);
        byte[] body = upstream.readAll();
        CallRecord record = Vars.callRecord(exchange);
        ObjectNode answer = successfulAnswer(upstream, body);
        exchange.setVariable(Vars.ANSWER, answer);
        record.completed(
                upstream.status(),
                answer == null ? null : Vars.wire(exchange).usage(answer),
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
        Replies.passBack(Vars.wire(exchange), upstream.headers(), out::setHeader);
        Replies.caravan(record, Vars.trace(exchange), out::setHeader);
        out.setBody(body);
    }

    /** The answer as a JSON tree, parsed once here for usage and later for the completion guardrails. */
    private static ObjectNode successfulAnswer(UpstreamExchange upstream, byte[] body) {
        if (upstream.status() != 200 || !upstream.contentType().contains("json")) {
            return null;
        }
        try {
            return JSON.readTree(body) instanceof ObjectNode tree ? tree : null;
        } catch (IOException e) {
            return null; // not ours to repair: the client gets the provider's bytes as they came
        }
    }
}
