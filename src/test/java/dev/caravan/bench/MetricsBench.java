package dev.caravan.bench;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.metrics.GatewayMetrics;
import dev.caravan.support.SampleCalls;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the metrics cost at the end of every call (bench/metrics.sh): a closed call's record counted by route, upstream,
 * model, status and decision, its latencies, tokens, cost, a budget crossing and a guardrail hit, as the call ledger hands it over.
 */
@State(Scope.Benchmark)
public class MetricsBench {
    private CallLedger ledger;
    private CallRecord call;

    @Setup
    public void setUp() {
        ledger = new CallLedger();
        // The routing feeds only the breaker gauges, read at scrape time: none here.
        new GatewayMetrics(ledger, null);
        call = SampleCalls.completedCall();
        call.authenticated("key-7", "team-a");
        call.routed("default");
        call.costed(412L, false, "prices-2026-11");
        call.budgetAlerts(List.of("team-a-monthly"));
        call.guarded(true, "redact", List.of("pii_email"), 0.9, Map.of("pii_email", 1), List.of(), 20);
    }

    @Benchmark
    public CallRecord closeOneCall() {
        ledger.opened(call);
        ledger.closed(call);
        return call;
    }
}
