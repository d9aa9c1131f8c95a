package dev.caravan.routes;

import dev.caravan.keys.KeyRing;
import dev.caravan.processors.Authenticate;
import dev.caravan.processors.ListModels;
import dev.caravan.processors.RequireAdminKey;
import dev.caravan.processors.ShowRoutes;
import dev.caravan.routing.LiveRouting;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;

/** The routing configuration's read side: the models clients may ask for, and the routes' health for operators. */
public final class RoutingRoutes extends RouteBuilder {
    private final LiveRouting routing;
    private final RequireAdminKey adminKey;
    private final Supplier<KeyRing> gatewayKeys;

    public RoutingRoutes(LiveRouting routing, RequireAdminKey adminKey, Supplier<KeyRing> gatewayKeys) {
        this.routing = routing;
        this.adminKey = adminKey;
        this.gatewayKeys = gatewayKeys;
    }

    @Override
    public void configure() {
        // spotless:off
        from(Endpoints.MODELS).routeId("models")
                .process(new Authenticate(gatewayKeys)).id("authenticate-models-reader")
                .process(new ListModels(routing)).id("list-models");
        from(Endpoints.ADMIN_ROUTES).routeId("admin-routes")
                .process(adminKey).id("require-admin-key-for-routes")
                .process(new ShowRoutes(routing)).id("show-routes");
        // spotless:on
    }
}
