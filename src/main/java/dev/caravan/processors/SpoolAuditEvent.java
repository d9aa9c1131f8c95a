package dev.caravan.processors;

import dev.caravan.audit.AuditSpool;
import dev.caravan.routes.Vars;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Appends the event to the Kafka spool, from which the shipping route sends it in order. */
public final class SpoolAuditEvent implements Processor {
    private final AuditSpool spool;

    public SpoolAuditEvent(AuditSpool spool) {
        this.spool = spool;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        spool.append(
                Vars.auditEvent(exchange).decisionId(), exchange.getMessage().getBody(String.class));
    }
}
