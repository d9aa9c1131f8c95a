package dev.caravan.processors;

import dev.caravan.providers.openai.ChatRequest;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Parses the Chat Completions body once and records what the client asked for. */
public final class ParseChatRequest implements Processor {
    @Override
    public void process(Exchange exchange) {
        ChatRequest request = ChatRequest.parse(exchange.getMessage().getBody(byte[].class));
        exchange.setVariable(Vars.CHAT_REQUEST, request);
        Vars.callRecord(exchange).requested(request.model(), request.stream());
    }
}
