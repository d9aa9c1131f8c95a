package dev.caravan.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Sends every call of an endpoint made from the governed-chat template to that endpoint's route alias. */
public final class PinAlias implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String alias;

    public PinAlias(String alias) {
        this.alias = alias;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode request;
        try {
            request = body == null ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return; // the parse step answers it in the API's error shape
        }
        if (request instanceof ObjectNode object) {
            object.put("model", alias);
            exchange.getMessage().setBody(JSON.writeValueAsBytes(object));
        }
    }
}
