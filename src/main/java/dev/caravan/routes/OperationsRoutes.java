package dev.caravan.routes;

import dev.caravan.call.CallLedger;
import dev.caravan.metrics.GatewayMetrics;
import dev.caravan.processors.ServeHealth;
import dev.caravan.processors.ServeMetrics;
import org.apache.camel.builder.RouteBuilder;

/** What operators' tools read: Prometheus metrics and the health checks (both open, answered on the event loop). */
public final class OperationsRoutes extends RouteBuilder {
    private final GatewayMetrics metrics;
    private final CallLedger ledger;

    public OperationsRoutes(GatewayMetrics metrics, CallLedger ledger) {
        this.metrics = metrics;
        this.ledger = ledger;
    }

    @Override
    public void configure() {
        from(Endpoints.METRICS)
                .routeId("metrics")
                .process(new ServeMetrics(metrics))
                .id("serve-metrics");
        from(Endpoints.HEALTH)
                .routeId("health")
                .process(new ServeHealth(ledger))
                .id("serve-health");
    }
}
