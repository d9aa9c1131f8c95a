package dev.caravan.bench;

import dev.caravan.audit.AuditEvent;
import dev.caravan.audit.AuditFile;
import dev.caravan.audit.AuditTap;
import dev.caravan.call.CallRecord;
import dev.caravan.routes.AuditRoutes;
import dev.caravan.routes.Endpoints;
import dev.caravan.support.SampleCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What audit costs a call's thread (run by bench/audit.sh): building the event from a completed record; building it
 * and offering it to the real bounded seda queue (room available: the queue is emptied between batches of 1,000);
 * and the same when the queue is full (the event is dropped and counted). Serialising, which the audit thread does, is
 * shown for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuditBench {
    private static final int BATCH = 1000;

    /** A completed call, and a tap on the real bounded seda queue (nothing drains it). */
    @State(Scope.Benchmark)
    public static class Audit {
        final CallRecord record = SampleCalls.completedCall();
        DefaultCamelContext camel;
        AuditTap tap;
        BlockingQueue<Exchange> queue;

        @Setup
        public void start() {
            camel = new DefaultCamelContext();
            camel.getPropertiesComponent().addInitialProperty("caravan.audit.queue-size", "10000");
            camel.start();
            tap = new AuditTap("bench", AuditRoutes.queue(camel));
            queue = camel.getEndpoint(Endpoints.AUDIT, SedaEndpoint.class).getQueue();
        }

        @TearDown
        public void stop() {
            camel.stop();
        }
    }

    /** The queue emptied before each batch (not timed), so every offer finds room. */
    @State(Scope.Benchmark)
    public static class WithRoom extends Audit {
        @Setup(Level.Invocation)
        public void makeRoom() {
            queue.clear();
        }
    }

    /** The queue filled before each iteration (not timed), so every offer is dropped. */
    @State(Scope.Benchmark)
    public static class Full extends Audit {
        @Setup(Level.Iteration)
        public void fill() {
            while (queue.remainingCapacity() > 0) {
                tap.accept(record);
            }
        }
    }

    /** The day's JSONL file in a temporary directory, and one serialised event. */
    @State(Scope.Benchmark)
    public static class File {
        AuditFile file;
        String line;

        @Setup
        public void open() throws IOException {
            file = new AuditFile(Files.createTempDirectory("caravan-audit-bench"), Clock.systemUTC());
            line = AuditEvent.of(SampleCalls.completedCall(), "bench").json();
        }

        @TearDown
        public void close() throws IOException {
            file.close();
        }
    }

    /** What the file sink costs the audit thread per event: one write(2) of the line, an fsync at most once a second. */
    @Benchmark
    public void appendToTheFile(File file) throws IOException {
        file.file.append(file.line);
    }

    @Benchmark
    public AuditEvent buildEvent(Audit audit) {
        return AuditEvent.of(audit.record, "bench");
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void buildAndEnqueue(WithRoom audit) {
        for (int i = 0; i < BATCH; i++) {
            audit.tap.accept(audit.record);
        }
    }

    @Benchmark
    public void buildAndDropOnAFullQueue(Full audit) {
        audit.tap.accept(audit.record);
    }

    @Benchmark
    public String serialiseOnTheAuditThread(Audit audit) {
        return AuditEvent.of(audit.record, "bench").json();
    }
}
