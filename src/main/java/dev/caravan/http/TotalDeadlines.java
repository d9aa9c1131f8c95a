package dev.caravan.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Cancels upstream requests that outlive the total timeout. One sweeper checks every in-flight request a few times a
 * second, so no request pays for a timer (and a thread wake-up) of its own.
 */
final class TotalDeadlines implements AutoCloseable {
    private static final long SWEEP_MILLIS = 50;

    private final Set<Deadline> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "caravan-deadlines");
        t.setDaemon(true);
        return t;
    });
    private final long timeoutNanos;

    TotalDeadlines(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts the clock for one request. */
    Deadline start(Cancellable request) {
        return start(request, timeoutNanos);
    }

    /** Starts the clock for one request with its own timeout (a route's). */
    Deadline start(Cancellable request, long timeoutNanos) {
        Deadline deadline = new Deadline(request, System.nanoTime() + timeoutNanos);
        active.add(deadline);
        return deadline;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Deadline deadline : active) {
            if (now - deadline.due >= 0 && active.remove(deadline)) {
                deadline.expired = true;
                deadline.request.cancel();
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    /** One request's total deadline. */
    final class Deadline {
        private final Cancellable request;
        private final long due;
        private volatile boolean expired;

        private Deadline(Cancellable request, long due) {
            this.request = request;
            this.due = due;
        }

        /** The request finished (or handed its body to a stream): the total deadline no longer applies. */
        void stop() {
            active.remove(this);
        }

        boolean expired() {
            return expired;
        }
    }
}
