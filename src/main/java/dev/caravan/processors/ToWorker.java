package dev.caravan.processors;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Hands the rest of the route to a worker thread, unless the call may stay on the event loop it is on: work that is
 * short and never blocks (a small request, with no team code in the route) costs less than the two thread hand-offs a
 * worker would add before its first byte. A worker pool that refuses the call fails it with 503.
 */
public final class ToWorker extends AsyncProcessorSupport {
    private final ExecutorService workers;
    private final Predicate<Exchange> mayStay;

    public ToWorker(ExecutorService workers, Predicate<Exchange> mayStay) {
        this.workers = workers;
        this.mayStay = mayStay;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (mayStay.test(exchange)) {
            callback.done(true);
            return true;
        }
        try {
            workers.execute(() -> callback.done(false));
            return false;
        } catch (RejectedExecutionException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }
}
