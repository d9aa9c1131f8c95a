package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.routes.Vars;
import dev.caravan.routing.Route;
import dev.caravan.routing.Target;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Keeps only the planned targets the gateway key may use: its allowed models name the alias or model the client sent,
 * or the target's own model; its allowed upstreams name the target's upstream. None left: 403, the model never called.
 */
public final class CheckAllowed implements Processor {
    @Override
    public void process(Exchange exchange) {
        GatewayKey key = Vars.gatewayKey(exchange);
        if (key == null) {
            return;
        }
        Route route = Vars.route(exchange);
        String asked = Vars.request(exchange).model();
        boolean modelAllowed = key.allowsModel(asked);
        List<Target> plan = Vars.plan(exchange);
        List<Target> allowed = plan.stream()
                .filter(t -> modelAllowed || key.allowsModel(t.model()))
                .filter(t -> key.allowsUpstream(t.upstream().name()))
                .toList();
        if (allowed.isEmpty()) {
            throw new GatewayException(
                    ApiError.NOT_ALLOWED,
                    "this gateway key's allowed models and upstreams do not cover model '" + asked + "'"
                            + (route.direct()
                                    ? " on upstream '" + plan.get(0).upstream().name() + "'"
                                    : " on any of its route's targets"));
        }
        if (allowed.size() < plan.size()) {
            exchange.setVariable(Vars.PLAN, allowed);
            Vars.callRecord(exchange)
                    .routedTo(allowed.get(0).upstream().name(), allowed.get(0).model());
        }
    }
}
