package dev.caravan.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.CallRecord;
import dev.caravan.support.SampleCalls;
import org.junit.jupiter.api.Test;

/** An audit event says null for a step that did not run, never the record's not_run marker. */
class AuditEventTest {
    @Test
    void stepsThatDidNotRunAreNullAndNeverTheNotRunMarker() throws Exception {
        CallRecord record = SampleCalls.completedCall();

        JsonNode event = new ObjectMapper().readTree(AuditEvent.of(record, "n1").json());

        assertThat(event.path("decision_id").asText()).isEqualTo(record.decisionId());
        assertThat(event.path("node").asText()).isEqualTo("n1");
        assertThat(event.path("key_id").isNull()).isTrue();
        assertThat(event.path("workspace").isNull()).isTrue();
        assertThat(event.path("cost_micros").isNull()).isTrue();
        assertThat(event.path("redactions").path("prompt").isNull()).isTrue();
        assertThat(event.path("usage").path("total_tokens").asInt()).isEqualTo(33);
        assertThat(event.path("latency_ms").has("first_token")).isTrue();
        assertThat(event.toString()).doesNotContain(CallRecord.NOT_RUN);
    }
}
