package dev.caravan.processors;

import dev.caravan.audit.AuditEvent;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Turns the audit event into its JSON line (the body every sink gets), keeping the event in a variable. */
public final class SerializeAuditEvent implements Processor {
    @Override
    public void process(Exchange exchange) {
        AuditEvent event = exchange.getMessage().getBody(AuditEvent.class);
        exchange.setVariable(Vars.AUDIT_EVENT, event);
        exchange.getMessage().setBody(event.json());
    }
}
