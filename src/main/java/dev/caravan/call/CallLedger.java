package dev.caravan.call;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts calls in flight and closes each one's record when it ends; shutdown waits on it. */
public final class CallLedger {
    private static final Logger LOG = LoggerFactory.getLogger(CallLedger.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
    private final Object idle = new Object();
    private volatile boolean draining;
    private final java.util.List<java.util.function.Consumer<CallRecord>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hands every closed call's record to {@code listener} (metrics, audit); it must be quick and must not throw. */
    public void onClosed(java.util.function.Consumer<CallRecord> listener) {
        listeners.add(listener);
    }

    /** A call entered the pipeline. */
    public void opened(CallRecord record) {
        inFlight.incrementAndGet();
        opened.incrementAndGet();
        LOG.debug("call {} opened on {}", record.decisionId(), record.endpoint());
    }

    /** A call ended, its response (or stream) finished; its record is complete. */
    public void closed(CallRecord record) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("call {} closed: {}", record.decisionId(), record.view());
        }
        for (java.util.function.Consumer<CallRecord> listener : listeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("a closed-call listener failed for call {}", record.decisionId(), e);
            }
        }
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Calls opened since start. */
    public long opened() {
        return opened.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Whether the gateway is shutting down and turns new calls away. */
    public boolean draining() {
        return draining;
    }

    /** Turns new calls away and waits, at most the bound, for the calls in flight to end; true if they all did. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                idle.wait(left);
            }
        }
        return true;
    }
}
