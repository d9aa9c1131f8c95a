package dev.caravan.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.support.SampleCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayMetricsCountersTest {
    private final CallLedger ledger = new CallLedger();
    // The routing feeds only the breaker gauges of scrape(); these tests read the registry's own exposition.
    private final GatewayMetrics metrics = new GatewayMetrics(ledger, null);

    private void close(CallRecord call) {
        ledger.opened(call);
        ledger.closed(call);
    }

    private static CallRecord pricedCall(String workspace) {
        CallRecord call = SampleCalls.completedCall();
        call.authenticated("key-7", workspace);
        call.routed("default");
        call.costed(412L, false, "prices-2026-11");
        call.budgetAlerts(List.of(workspace + "-monthly"));
        call.guarded(true, "redact", List.of("pii_email"), 0.9, Map.of("pii_email", 1), List.of(), 20);
        return call;
    }

    @Test
    void eachLabelSetAddsUpInItsOwnSeriesCallAfterCall() {
        close(pricedCall("team-a"));
        close(pricedCall("team-a"));
        close(pricedCall("team-b"));

        String text = metrics.registry().scrape();
        assertThat(text)
                .contains("caravan_tokens_total{direction=\"in\",model=\"gpt-4o-mini\"} 72.0")
                .contains("caravan_tokens_total{direction=\"out\",model=\"gpt-4o-mini\"} 27.0")
                .contains("caravan_cost_micros_total{key_id=\"key-7\",model=\"gpt-4o-mini\",route=\"default\","
                        + "workspace=\"team-a\"} 824.0")
                .contains("caravan_cost_micros_total{key_id=\"key-7\",model=\"gpt-4o-mini\",route=\"default\","
                        + "workspace=\"team-b\"} 412.0")
                .contains("caravan_budget_soft_crossings_total{budget=\"team-a-monthly\"} 2.0")
                .contains("caravan_budget_soft_crossings_total{budget=\"team-b-monthly\"} 1.0")
                .contains("caravan_guardrail_hits_total{category=\"pii_email\"} 3.0")
                .doesNotContain("caravan_unpriced_calls_total{");
    }

    @Test
    void anUnpricedCallAndARefusalAreCountedButAnUpstreamErrorIsNoRefusal() {
        CallRecord unpriced = SampleCalls.completedCall();
        close(unpriced);
        CallRecord refused = SampleCalls.completedCall();
        refused.completed(429, null, false, "budget_exceeded", System.nanoTime());
        close(refused);
        CallRecord failed = SampleCalls.completedCall();
        failed.completed(502, new Usage(0, 0, 0, 0, 0), false, "upstream_unavailable", System.nanoTime());
        close(failed);

        String text = metrics.registry().scrape();
        assertThat(text)
                .contains("caravan_unpriced_calls_total{model=\"gpt-4o-mini\"} 2.0")
                .contains("caravan_refusals_total{reason=\"budget_exceeded\"} 1.0")
                .doesNotContain("reason=\"upstream_unavailable\"");
    }
}
