package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.config.RoutingSettings;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.http.UpstreamClient;
import dev.caravan.http.UpstreamExchange;
import dev.caravan.providers.ApiRequest;
import dev.caravan.routes.Vars;
import dev.caravan.routing.RetryRules;
import dev.caravan.routing.Route;
import dev.caravan.routing.Target;
import dev.caravan.routing.TargetHealth;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Calls the planned targets in order until one answers: retries a target on connect errors, timeouts, 408, 429 and
 * 5xx (after its {@code Retry-After}, up to a cap), then fails over to the next, skipping targets whose breaker is
 * open. A stream is committed only once its first event arrived; a non-streamed answer only once it was read whole.
 * No thread waits meanwhile: the route goes on from the event loop that settled the answer.
 */
public final class CallUpstream extends AsyncProcessorSupport {
    private final UpstreamClient client;
    private final TargetHealth health;
    private final RoutingSettings settings;
    private final RelayStream relay;

    /** {@code relay} starts a streamed answer at its first event, on the event loop that read it. */
    public CallUpstream(UpstreamClient client, TargetHealth health, RoutingSettings settings, RelayStream relay) {
        this.client = client;
        this.relay = relay;
        this.health = health;
        this.settings = settings;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Attempts attempts = new Attempts(exchange, callback);
        attempts.nextTarget();
        return attempts.returned();
    }

    /**
     * One call's attempts over its plan. Each attempt settles on the event loop that read its answer, and the next
     * one (a retry after its wait, the next target) starts from there; the route goes on once an answer is kept or
     * the plan is exhausted.
     */
    private final class Attempts {
        private static final int RUNNING = 0;
        private static final int RETURNED = 1;
        private static final int DONE = 2;

        private final Exchange exchange;
        private final AsyncCallback callback;
        private final Route route;
        private final Iterator<Target> targets;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private Target target;
        private int retry;
        private long start;
        private RuntimeException lastFailure;
        private UpstreamExchange lastAnswer;

        Attempts(Exchange exchange, AsyncCallback callback) {
            this.exchange = exchange;
            this.callback = callback;
            this.route = Vars.route(exchange);
            this.targets = Vars.plan(exchange).iterator();
        }

        /** Whether the call ended before {@code process} returned; otherwise the callback ends it later. */
        boolean returned() {
            if (state.compareAndSet(RUNNING, RETURNED)) {
                return false;
            }
            callback.done(true);
            return true;
        }

        private void end() {
            if (!state.compareAndSet(RUNNING, DONE)) {
                callback.done(false);
            }
        }

        private void fail(RuntimeException failure) {
            exchange.setException(failure);
            end();
        }

        void nextTarget() {
            while (targets.hasNext()) {
                Target next = targets.next();
                if (route.direct() || health.tryAcquire(next)) { // an open breaker skips the target
                    target = next;
                    retry = 0;
                    attempt();
                    return;
                }
            }
            if (lastAnswer != null) {
                exchange.setVariable(Vars.UPSTREAM_EXCHANGE, lastAnswer); // the last upstream error passes through
                end();
            } else if (lastFailure != null) {
                fail(lastFailure);
            } else {
                fail(new GatewayException(
                        ApiError.UPSTREAM_UNREACHABLE,
                        "every target of route '" + route.alias() + "' is unavailable: every breaker is open"));
            }
        }

        private void attempt() {
            CompletableFuture<UpstreamExchange> answer;
            try {
                clientStillThere(exchange);
                start = System.nanoTime();
                answer = send(exchange, route, target);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete(this::attempted);
        }

        private void attempted(UpstreamExchange answer, Throwable failed) {
            if (failed != null) {
                Throwable cause =
                        failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
                if (!(cause instanceof GatewayException e)) {
                    fail(cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
                    return;
                }
                if (e.error() == ApiError.CLIENT_CLOSED_REQUEST) {
                    if (!route.direct()) {
                        health.release(target);
                    }
                    fail(e);
                    return;
                }
                lastFailure = e;
                lastAnswer = null;
            } else {
                Vars.callRecord(exchange).upstreamAnswered(answer.answeredNanos());
                if (!RetryRules.retryable(answer.status())) {
                    record(route, target, start, null);
                    exchange.setVariable(Vars.UPSTREAM_EXCHANGE, answer);
                    end();
                    return;
                }
                lastAnswer = answer;
                lastFailure = null;
            }
            UpstreamExchange failedAnswer = lastAnswer;
            record(route, target, start, lastFailure != null ? lastFailure : new UpstreamStatus(failedAnswer.status()));
            Duration wait = retry < route.retryCount()
                    ? RetryRules.waitBefore(
                            retry,
                            name -> failedAnswer == null ? null : failedAnswer.header(name),
                            settings.maxRetryWait(),
                            System.currentTimeMillis())
                    : null;
            if (wait == null || (!route.direct() && !health.tryAcquire(target))) {
                nextTarget();
                return;
            }
            retry++;
            if (wait.isZero() || wait.isNegative()) {
                attempt();
            } else {
                client.schedule(Vars.channel(exchange), this::attempt, wait);
            }
        }
    }

    /**
     * One attempt, settled once read far enough that nothing can fail any more before the client sees a byte: read
     * whole, or a stream already started at its first event.
     */
    private CompletableFuture<UpstreamExchange> send(Exchange exchange, Route route, Target target) {
        CallRecord record = Vars.callRecord(exchange);
        ApiRequest request = Vars.request(exchange);
        record.routedTo(target.upstream().name(), target.model());
        TargetRequest call = TargetRequest.of(exchange, route, target);
        exchange.setVariable(Vars.TRANSLATOR, call.translator());
        record.droppedParams(call.dropped());
        record.upstreamAttempted(System.nanoTime());
        Duration deadline = request.stream() ? route.firstTokenTimeout() : route.timeout();
        return client.post(
                call.url(),
                Vars.wire(exchange).sign(request, call.url(), call.headers(), call.body()),
                call.body(),
                Vars.channel(exchange),
                deadline,
                relay.starter(exchange));
    }

    private void record(Route route, Target target, long start, Exception failure) {
        if (route.direct()) {
            return;
        }
        long took = System.nanoTime() - start;
        if (failure == null) {
            health.succeeded(target, took);
        } else {
            health.failed(target, took, failure);
        }
    }

    private static void clientStillThere(Exchange exchange) {
        io.netty.channel.Channel channel = Vars.channel(exchange);
        if (channel != null && !channel.isActive()) {
            throw new GatewayException(ApiError.CLIENT_CLOSED_REQUEST, "the client closed the connection");
        }
    }

    /** A retryable status, as the cause a breaker records. */
    private static final class UpstreamStatus extends RuntimeException {
        UpstreamStatus(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }
}
