package dev.caravan.routes;

import dev.caravan.call.CallLedger;
import dev.caravan.keys.KeyRing;
import dev.caravan.metrics.GatewayMetrics;
import dev.caravan.processors.Authenticate;
import dev.caravan.processors.ServeHealth;
import dev.caravan.processors.ServeMetrics;
import dev.caravan.processors.ShowRun;
import dev.caravan.spend.AgentRuns;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;

/**
 * What operators' tools read: Prometheus metrics and the health checks (both open), and agent runs' calls with their
 * cost (answered on the event loop: all in memory).
 */
public final class OperationsRoutes extends RouteBuilder {
    private final GatewayMetrics metrics;
    private final CallLedger ledger;
    private final AgentRuns runs;
    private final Supplier<KeyRing> gatewayKeys;

    public OperationsRoutes(GatewayMetrics metrics, CallLedger ledger, AgentRuns runs, Supplier<KeyRing> gatewayKeys) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.runs = runs;
        this.gatewayKeys = gatewayKeys;
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
        from(Endpoints.RUNS)
                .routeId("runs")
                .process(new Authenticate(gatewayKeys))
                .id("authenticate-run-reader")
                .process(new ShowRun(runs))
                .id("show-run");
    }
}
