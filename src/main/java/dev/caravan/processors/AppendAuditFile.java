package dev.caravan.processors;

import dev.caravan.audit.AuditFile;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Appends the event's JSON line to the day's audit file. */
public final class AppendAuditFile implements Processor {
    private final AuditFile file;

    public AppendAuditFile(AuditFile file) {
        this.file = file;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        file.append(exchange.getMessage().getBody(String.class));
    }
}
