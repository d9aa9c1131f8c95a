package dev.caravan.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts calls in flight and closes each one's record when it ends; shutdown waits on it. */
public final class CallLedger {
    private static final Logger LOG = LoggerFactory.getLogger(CallLedger.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
    private final Object idle = new Object();
    private volatile boolean draining;
    private final List<Consumer<CallRecord>> onClosed = new CopyOnWriteArrayList<>();

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
        for (Consumer<CallRecord> listener : onClosed) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("a closed-call listener failed for {}", record.decisionId(), e);
            }
        }
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Hands every closed call's complete record to {@code listener}, on the closing thread; it must not block. */
    public void onClosed(Consumer<CallRecord> listener) {
        onClosed.add(listener);
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
