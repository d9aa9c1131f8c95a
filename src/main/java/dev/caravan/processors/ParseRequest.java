package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Sha256;
import dev.caravan.providers.ApiRequest;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Parses the request body once, in the call's API, and records what the client asked for and the hash of what it sent. */
public final class ParseRequest implements Processor {
    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        org.apache.camel.Message in = exchange.getMessage();
        ApiRequest request = Vars.wire(exchange).parse(body, name -> in.getHeader(name, String.class));
        exchange.setVariable(Vars.REQUEST, request);
        CallRecord record = Vars.callRecord(exchange);
        record.requested(request.model(), request.stream());
        record.requestHashed(Sha256.hex(body));
    }
}
