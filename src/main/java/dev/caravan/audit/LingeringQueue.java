package dev.caravan.audit;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The audit route's bounded queue. Its consumer is not woken by each event: finding the queue empty, it comes back
 * after the linger and takes what queued meanwhile. A call's bookkeeping then runs a few milliseconds after the call,
 * not in the instant a client's next call arrives, and a busy queue is drained without pause. An event waits in the
 * queue, never in the consumer's hands, so shutdown sees every event not yet written.
 */
public final class LingeringQueue<E> extends LinkedBlockingQueue<E> {
    private final long lingerNanos;

    /** {@code linger} zero: the consumer is woken by each event, as a plain queue does. */
    public LingeringQueue(int capacity, Duration linger) {
        super(capacity);
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (lingerNanos == 0) {
            return super.poll(timeout, unit);
        }
        E next = poll();
        if (next != null) {
            return next;
        }
        long wait = Math.min(lingerNanos, unit.toNanos(timeout));
        long until = System.nanoTime() + wait;
        for (long left = wait; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return poll();
    }
}
