package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Sha256;
import dev.caravan.providers.openai.ChatRequest;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Parses the Chat Completions body once and records what the client asked for, and the hash of what it sent. */
public final class ParseChatRequest implements Processor {
    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        ChatRequest request = ChatRequest.parse(body);
        exchange.setVariable(Vars.CHAT_REQUEST, request);
        CallRecord record = Vars.callRecord(exchange);
        record.requested(request.model(), request.stream());
        record.requestHashed(Sha256.hex(body));
    }
}
