package dev.caravan.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {
    @Test
    void aValidTraceparentKeepsItsTraceIdWithANewSpan() {
        TraceContext trace = TraceContext.continueOrStart("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
        assertThat(trace.header()).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
    }

    @Test
    void anInvalidOrMissingTraceparentStartsANewTrace() {
        assertThat(TraceContext.continueOrStart(null).header()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceContext.continueOrStart("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")
                        .traceId())
                .isNotEqualTo("0".repeat(32));
        assertThat(TraceContext.continueOrStart("garbage").traceId()).hasSize(32);
    }
}
