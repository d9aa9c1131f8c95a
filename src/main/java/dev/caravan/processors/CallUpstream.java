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
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Calls the planned targets in order until one answers: retries a target on connect errors, timeouts, 408, 429 and
 * 5xx (after its {@code Retry-After}, up to a cap), then fails over to the next, skipping targets whose breaker is
 * open. A stream is committed only once its first event arrived; a non-streamed answer only once it was read whole.
 */
public final class CallUpstream implements Processor {
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
    public void process(Exchange exchange) throws InterruptedException {
        Route route = Vars.route(exchange);
        RuntimeException lastFailure = null;
        UpstreamExchange lastAnswer = null;
        for (Target target : Vars.plan(exchange)) {
            if (!route.direct() && !health.tryAcquire(target)) {
                continue; // its breaker is open: skipped by every strategy
            }
            for (int retry = 0; ; retry++) {
                clientStillThere(exchange);
                long start = System.nanoTime();
                try {
                    UpstreamExchange answer = attempt(exchange, route, target);
                    if (!RetryRules.retryable(answer.status())) {
                        record(route, target, start, null);
                        exchange.setVariable(Vars.UPSTREAM_EXCHANGE, answer);
                        return;
                    }
                    lastAnswer = answer;
                    lastFailure = null;
                } catch (GatewayException e) {
                    if (e.error() == ApiError.CLIENT_CLOSED_REQUEST) {
                        if (!route.direct()) {
                            health.release(target);
                        }
                        throw e;
                    }
                    lastFailure = e;
                    lastAnswer = null;
                }
                UpstreamExchange failed = lastAnswer;
                record(route, target, start, lastFailure != null ? lastFailure : new UpstreamStatus(failed.status()));
                Duration wait = retry < route.retryCount()
                        ? RetryRules.waitBefore(
                                retry,
                                name -> failed == null ? null : failed.header(name),
                                settings.maxRetryWait(),
                                System.currentTimeMillis())
                        : null;
                if (wait == null || (!route.direct() && !health.tryAcquire(target))) {
                    break;
                }
                Thread.sleep(wait.toMillis());
            }
        }
        if (lastAnswer != null) {
            exchange.setVariable(
                    Vars.UPSTREAM_EXCHANGE, lastAnswer); // the last upstream error passes through unchanged
            return;
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        throw new GatewayException(
                ApiError.UPSTREAM_UNREACHABLE,
                "every target of route '" + route.alias() + "' is unavailable: every breaker is open");
    }

    /**
     * One attempt: sent, and read far enough that nothing can fail any more before the client sees a byte: read whole,
     * or a stream already started at its first event.
     */
    private UpstreamExchange attempt(Exchange exchange, Route route, Target target) {
        CallRecord record = Vars.callRecord(exchange);
        ApiRequest request = Vars.request(exchange);
        record.routedTo(target.upstream().name(), target.model());
        TargetRequest call = TargetRequest.of(exchange, route, target);
        exchange.setVariable(Vars.TRANSLATOR, call.translator());
        record.droppedParams(call.dropped());
        record.upstreamAttempted(System.nanoTime());
        Duration deadline = request.stream() ? route.firstTokenTimeout() : route.timeout();
        UpstreamExchange answer = client.post(
                call.url(),
                Vars.wire(exchange).sign(request, call.url(), call.headers(), call.body()),
                call.body(),
                Vars.channel(exchange),
                deadline,
                relay.starter(exchange));
        record.upstreamAnswered(answer.answeredNanos());
        return answer;
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
