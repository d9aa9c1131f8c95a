package dev.caravan.processors;

import dev.caravan.audit.AuditSpool;
import dev.caravan.routes.Vars;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Kafka acknowledged the batch: moves the spool's committed marker past it. */
public final class CommitSpooledBatch implements Processor {
    private final AuditSpool spool;

    public CommitSpooledBatch(AuditSpool spool) {
        this.spool = spool;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        spool.commit(Vars.auditBatch(exchange));
    }
}
