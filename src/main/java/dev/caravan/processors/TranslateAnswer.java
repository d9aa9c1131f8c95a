package dev.caravan.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.providers.ChatShapes;
import dev.caravan.providers.ChatTranslator;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Turns a translated target's plain answer (or error) into the ingress's shape before anything else reads it. */
public final class TranslateAnswer implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        ChatTranslator translator = Vars.translator(exchange);
        UpstreamExchange upstream = Vars.upstreamExchange(exchange);
        if (translator == null || upstream == null) {
            return;
        }
        byte[] body = upstream.readAll();
        ObjectNode answer;
        if (upstream.status() >= 400) {
            answer = translator.error(upstream.status(), upstream::header, body);
        } else {
            JsonNode parsed = ChatShapes.parse(body);
            answer = parsed.isObject()
                    ? translator.response(
                            parsed, Vars.callRecord(exchange).upstreamModel(), System.currentTimeMillis() / 1000)
                    : translator.error(502, body);
        }
        upstream.replaceBody(JSON.writeValueAsBytes(answer), "application/json");
    }
}
