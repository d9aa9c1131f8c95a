package dev.caravan.audit;

import dev.caravan.call.CallRecord;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns each closed call into its audit event and offers it to the sinks' queue; a full queue drops, never waits. */
public final class AuditTap implements Consumer<CallRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTap.class);

    private final String node;
    private final Predicate<AuditEvent> queue;
    private final AtomicLong dropped = new AtomicLong();

    /** {@code queue} answers false, at once, when it has no room. */
    public AuditTap(String node, Predicate<AuditEvent> queue) {
        this.node = node;
        this.queue = queue;
    }

    @Override
    public void accept(CallRecord record) {
        if (!queue.test(AuditEvent.of(record, node))) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("audit queue full: {} events dropped so far (latest {})", n, record.decisionId());
            }
        }
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }
}
