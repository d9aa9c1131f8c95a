package dev.caravan.routes;

import dev.caravan.audit.AuditEvent;
import dev.caravan.audit.AuditFile;
import dev.caravan.audit.AuditSpool;
import dev.caravan.audit.LingeringQueue;
import dev.caravan.config.AuditSettings;
import dev.caravan.processors.AppendAuditFile;
import dev.caravan.processors.CommitSpooledBatch;
import dev.caravan.processors.SerializeAuditEvent;
import dev.caravan.processors.SpoolAuditEvent;
import dev.caravan.processors.TakeSpooledBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * The audit wiretap: closed calls' events leave the call path through a bounded queue; one route writes each to the
 * JSONL file, the Kafka spool and any extra sinks; another ships the spool to Kafka in order.
 */
public final class AuditRoutes extends RouteBuilder implements AutoCloseable {
    private static final String ERRORS = AuditErrors.ID;

    private final AuditSettings settings;
    private final AuditFile file;
    private final AuditSpool spool;

    public AuditRoutes(AuditSettings settings, Path dataDir) {
        this.settings = settings;
        Path dir = dataDir.resolve("audit");
        this.file = settings.fileEnabled() ? new AuditFile(dir, Clock.systemUTC()) : null;
        this.spool =
                settings.kafkaEnabled() ? AuditSpool.open(dir.resolve("spool"), settings.spoolSegmentBytes()) : null;
    }

    /** Offers an event to the audit queue without waiting: false when the queue is full. */
    /** The spool waiting for Kafka, or null when Kafka is off. */
    public AuditSpool spool() {
        return spool;
    }

    /** Events waiting in the audit queue. */
    public static int queued(CamelContext camel) {
        return camel.getEndpoint(Endpoints.AUDIT, SedaEndpoint.class).getQueue().size();
    }

    public static Predicate<AuditEvent> queue(CamelContext camel) {
        SedaEndpoint seda = camel.getEndpoint(Endpoints.AUDIT, SedaEndpoint.class);
        BlockingQueue<Exchange> queue = seda.getQueue();
        return event -> {
            Exchange exchange = seda.createExchange();
            exchange.getMessage().setBody(event);
            return queue.offer(exchange);
        };
    }

    @Override
    public void configure() {
        getCamelContext()
                .getRegistry()
                .bind(Endpoints.AUDIT_QUEUE, new LingeringQueue<Exchange>(settings.queueSize(), settings.linger()));
        // spotless:off
        from(Endpoints.AUDIT).routeId("audit").routeConfigurationId(ERRORS)
            .shutdownRunningTask(ShutdownRunningTask.CompleteAllTasks)
            .process(new SerializeAuditEvent()).id("serialize-event")
            .multicast().to(sinks().toArray(String[]::new)).id("sinks");

        if (file != null) {
            from(Endpoints.AUDIT_FILE).routeId("audit-file").routeConfigurationId(ERRORS)
                .process(new AppendAuditFile(file)).id("append-jsonl");
        }
        if (spool != null) {
            from(Endpoints.AUDIT_SPOOL).routeId("audit-spool").routeConfigurationId(ERRORS)
                .process(new SpoolAuditEvent(spool)).id("spool-event");

            from(Endpoints.AUDIT_SHIP).routeId("audit-kafka").routeConfigurationId(ERRORS)
                .process(new TakeSpooledBatch(spool, settings.kafkaBatch())).id("take-spooled-batch")
                .to(Endpoints.AUDIT_KAFKA).id("send-to-kafka")
                .process(new CommitSpooledBatch(spool)).id("commit-spooled-batch");
        }
        // spotless:on
    }

    private List<String> sinks() {
        List<String> sinks = new ArrayList<>();
        if (file != null) {
            sinks.add(Endpoints.AUDIT_FILE);
        }
        if (spool != null) {
            sinks.add(Endpoints.AUDIT_SPOOL);
        }
        sinks.addAll(settings.extraSinks());
        return sinks;
    }

    /** Forces and closes the file and the spool (after the routes stopped). */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
        if (spool != null) {
            spool.close();
        }
    }
}
