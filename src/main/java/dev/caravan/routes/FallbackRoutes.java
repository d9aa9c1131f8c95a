package dev.caravan.routes;

import dev.caravan.processors.RejectUnknownPath;
import org.apache.camel.builder.RouteBuilder;

/** Paths no ingress serves: 404 in the API shape of their prefix. */
public final class FallbackRoutes extends RouteBuilder {
    @Override
    public void configure() {
        from(Endpoints.UNKNOWN_PATH)
                .routeId("unknown-path")
                .process(new RejectUnknownPath())
                .id("reject-unknown-path");
    }
}
