package dev.caravan.routes;

import dev.caravan.processors.RenderError;
import org.apache.camel.builder.RouteConfigurationBuilder;

/** One place that maps every failure of every route to the caller's API error shape. */
public final class ErrorHandling extends RouteConfigurationBuilder {
    @Override
    public void configuration() {
        routeConfiguration()
                .onException(Exception.class)
                .handled(true)
                .process(new RenderError())
                .id("render-error");
    }
}
