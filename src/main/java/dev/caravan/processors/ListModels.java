package dev.caravan.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.routes.Vars;
import dev.caravan.routing.LiveRouting;
import dev.caravan.routing.Route;
import dev.caravan.routing.Target;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers {@code GET /v1/models} OpenAI-shaped: the route aliases, then the concrete models their targets serve; to a
 * gateway key with allow-lists, only the aliases and models it may use.
 */
public final class ListModels implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveRouting routing;
    private final long startedAt = System.currentTimeMillis() / 1000;

    public ListModels(LiveRouting routing) {
        this.routing = routing;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "models accept GET only");
        }
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        Set<String> concrete = new LinkedHashSet<>();
        GatewayKey key = Vars.gatewayKey(exchange);
        for (Route route : routing.current().routes().routes()) {
            if (key == null || key.allowsModel(route.alias())) {
                data.addObject()
                        .put("id", route.alias())
                        .put("object", "model")
                        .put("created", startedAt)
                        .put("owned_by", "caravan");
            }
            for (Target target : route.targets()) {
                boolean allowed = key == null
                        || (key.allowsModel(target.model())
                                && key.allowsUpstream(target.upstream().name()));
                if (allowed
                        && concrete.add(
                                target.model() + "\n" + target.upstream().name())) {
                    data.addObject()
                            .put("id", target.model())
                            .put("object", "model")
                            .put("created", startedAt)
                            .put("owned_by", target.upstream().name());
                }
            }
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.writeValueAsBytes(list));
    }
}
