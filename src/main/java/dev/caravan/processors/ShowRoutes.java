package dev.caravan.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.routing.LiveRouting;
import dev.caravan.routing.Route;
import dev.caravan.routing.Routing;
import dev.caravan.routing.Target;
import dev.caravan.routing.TargetHealth;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers {@code GET /admin/routes}: each route, its targets, and each target's breaker state and latency (never a key). */
public final class ShowRoutes implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveRouting routing;

    public ShowRoutes(LiveRouting routing) {
        this.routing = routing;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "routes accept GET only");
        }
        Routing current = routing.current();
        TargetHealth health = routing.health();
        ObjectNode body = JSON.createObjectNode().put("generation", current.generation());
        ArrayNode routes = body.putArray("routes");
        for (Route route : current.routes().routes()) {
            ObjectNode r = routes.addObject()
                    .put("alias", route.alias())
                    .put("strategy", route.strategy().written())
                    .put("retry_count", route.retryCount())
                    .put("timeout_ms", route.timeout().toMillis())
                    .put("first_token_timeout_ms", route.firstTokenTimeout().toMillis())
                    .put("cache_ttl_seconds", route.cacheTtl().toSeconds());
            ArrayNode targets = r.putArray("targets");
            for (Target target : route.targets()) {
                double latency = health.latencyMillis(target);
                ObjectNode t = targets.addObject()
                        .put("upstream", target.upstream().name())
                        .put("model", target.model())
                        .put("weight", target.weight())
                        .put(
                                "stored_credential",
                                target.upstream().storedCredential().isPresent())
                        .put("breaker", health.state(target).name().toLowerCase(Locale.ROOT))
                        .put("failure_rate", Math.max(0, health.failureRate(target)));
                if (Double.isNaN(latency)) {
                    t.putNull("latency_ms");
                } else {
                    t.put("latency_ms", Math.round(latency * 100) / 100.0);
                }
            }
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.writeValueAsBytes(body));
    }
}
