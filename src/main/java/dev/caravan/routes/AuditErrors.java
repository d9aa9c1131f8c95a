package dev.caravan.routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/** Audit routes' failures are logged, never rendered as a caller's error or receipted; a spooled event stays spooled. */
public final class AuditErrors extends RouteConfigurationBuilder {
    static final String ID = "audit-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.WARN, "dev.caravan.audit", "audit: ${routeId} failed: ${exception.message}");
    }
}
