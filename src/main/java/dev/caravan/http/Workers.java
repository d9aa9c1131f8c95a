package dev.caravan.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that wait on upstreams: one virtual thread per call on Java 21 and later, a bounded platform pool
 * on Java 17 (a call beyond its size is refused with 503 rather than queued behind slow upstreams).
 */
public final class Workers {
    private Workers() {}

    public static ExecutorService create(int platformThreads) {
        if (Runtime.version().feature() >= 21) {
            try {
                return (ExecutorService) Executors.class
                        .getMethod("newVirtualThreadPerTaskExecutor")
                        .invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Java " + Runtime.version() + " lacks virtual threads", e);
            }
        }
        // No core threads: an idle worker is reused, and a new one starts only when none is free (up to the bound),
        // so the pool holds as many threads as calls are really in flight, not the bound.
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(0, platformThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), named());
        return pool;
    }

    /** Whether calls run on virtual threads. */
    public static boolean virtual() {
        return Runtime.version().feature() >= 21;
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "caravan-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
