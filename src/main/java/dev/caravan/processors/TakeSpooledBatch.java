package dev.caravan.processors;

import dev.caravan.audit.AuditSpool;
import dev.caravan.routes.Vars;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/** Takes the oldest unsent events from the spool as Kafka records keyed by decision id; none: the route stops. */
public final class TakeSpooledBatch implements Processor {
    private final AuditSpool spool;
    private final int max;

    public TakeSpooledBatch(AuditSpool spool, int max) {
        this.spool = spool;
        this.max = max;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        AuditSpool.Batch batch = spool.take(max);
        if (batch.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        List<Message> records = new ArrayList<>(batch.entries().size());
        for (AuditSpool.Entry entry : batch.entries()) {
            Message record = new DefaultMessage(exchange.getContext());
            record.setHeader(KafkaConstants.KEY, entry.decisionId());
            record.setBody(entry.json());
            records.add(record);
        }
        exchange.setVariable(Vars.AUDIT_BATCH, batch);
        exchange.getMessage().setBody(records);
    }
}
