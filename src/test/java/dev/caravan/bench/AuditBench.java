package dev.caravan.bench;

import dev.caravan.audit.AuditEvent;
import dev.caravan.audit.AuditTap;
import dev.caravan.call.CallRecord;
import dev.caravan.processors.SerializeAuditEvent;
import dev.caravan.routes.AuditRoutes;
import dev.caravan.routes.Endpoints;
import dev.caravan.support.SampleCalls;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What audit costs a call's thread (run by bench/audit.sh): building the event from a completed record, and building
 * it plus offering it to the real bounded seda queue that a route drains (serialising on its own thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuditBench {
    private CallRecord record;
    private DefaultCamelContext camel;
    private AuditTap tap;

    @Setup
    public void start() throws Exception {
        record = SampleCalls.completedCall();
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("caravan.audit.queue-size", "10000");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.AUDIT).process(new SerializeAuditEvent());
            }
        });
        camel.start();
        tap = new AuditTap("bench", AuditRoutes.queue(camel));
    }

    @TearDown
    public void stop() {
        System.out.printf("%n(events dropped on a full queue: %d)%n", tap.dropped());
        camel.stop();
    }

    @Benchmark
    public AuditEvent buildEvent() {
        return AuditEvent.of(record, "bench");
    }

    @Benchmark
    public void buildAndEnqueue() {
        tap.accept(record);
    }

    @Benchmark
    public String serialiseOnTheAuditThread() {
        return AuditEvent.of(record, "bench").json();
    }
}
