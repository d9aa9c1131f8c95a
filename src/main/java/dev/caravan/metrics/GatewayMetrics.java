package dev.caravan.metrics;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.routing.LiveRouting;
import dev.caravan.routing.Route;
import dev.caravan.routing.Target;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Prometheus scrapes: every closed call by route, upstream, model, status and decision, its latencies (total,
 * upstream, first token, gateway overhead), tokens, cost, guardrail hits, refusals (budget, rate limit, policy), calls
 * in flight, each target's breaker state, and the JVM's own series; every name starts with {@code caravan_}.
 */
public final class GatewayMetrics {
    private static final String NONE = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge breakers;
    private final LiveRouting routing;

    public GatewayMetrics(CallLedger ledger, LiveRouting routing) {
        this.routing = routing;
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("caravan.") ? id : id.withName("caravan." + id.getName());
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        Gauge.builder("caravan.calls.in.flight", ledger, CallLedger::inFlight)
                .description("calls in the pipeline now")
                .register(registry);
        breakers = MultiGauge.builder("caravan.breaker.state")
                .description("each route target's circuit breaker: 0 closed, 1 open, 2 half-open, 3 disabled")
                .register(registry);
        ledger.onClosed(this::record);
    }

    /** A gauge read at each scrape (queue depths, spool sizes). */
    public void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        Gauge.builder(name, value, v -> v.get().doubleValue())
                .description(description)
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The exposition text, with breaker states read fresh. */
    public String scrape() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Route route : routing.current().routes().routes()) {
            for (Target target : route.targets()) {
                int state = code(routing.health().state(target));
                rows.add(MultiGauge.Row.of(
                        Tags.of(
                                "route",
                                route.alias(),
                                "upstream",
                                target.upstream().name(),
                                "model",
                                target.model()),
                        state));
            }
        }
        breakers.register(rows, true);
        return registry.scrape();
    }

    /** The meters of one label set, found once (building meter ids on every call costs more than recording). */
    private record CallKey(String route, String upstream, String model, Integer status, String decision) {}

    private record CallMeters(Counter requests, Timer total, Timer upstream, Timer firstToken, Timer overhead) {}

    private final java.util.Map<CallKey, CallMeters> meters = new java.util.concurrent.ConcurrentHashMap<>();

    private CallMeters meters(CallKey key) {
        return meters.computeIfAbsent(key, k -> {
            Tags tags = Tags.of(
                    "route", orNone(k.route()),
                    "upstream", orNone(k.upstream()),
                    "model", orNone(k.model()),
                    "status", k.status() == null ? NONE : Integer.toString(k.status()),
                    "decision", orNone(k.decision()));
            return new CallMeters(
                    registry.counter("caravan.requests", tags),
                    timer("caravan.request.duration", tags),
                    timer("caravan.upstream.duration", tags),
                    timer("caravan.first.token.duration", tags),
                    timer("caravan.gateway.overhead", tags));
        });
    }

    /** Counts one closed call. */
    void record(CallRecord call) {
        CallMeters m = meters(
                new CallKey(call.route(), call.upstream(), call.upstreamModel(), call.status(), call.decision()));
        m.requests().increment();
        record(m.total(), call.totalNanos());
        record(m.upstream(), call.upstreamNanos());
        record(m.firstToken(), call.firstTokenNanos());
        if (call.totalNanos() != null && call.upstreamNanos() != null) {
            record(m.overhead(), Math.max(0, call.totalNanos() - call.upstreamNanos()));
        }
        Usage usage = call.usage();
        Tags model = Tags.of("model", orNone(call.upstreamModel()));
        if (usage != null) {
            registry.counter("caravan.tokens", model.and("direction", "in")).increment(usage.promptTokens());
            registry.counter("caravan.tokens", model.and("direction", "out")).increment(usage.completionTokens());
        }
        Tags spender = Tags.of(
                "workspace", orNone(call.workspace()),
                "key_id", orNone(call.keyId()),
                "model", orNone(call.upstreamModel()),
                "route", orNone(call.route()));
        if (call.costMicros() != null) {
            registry.counter("caravan.cost.micros", spender).increment(call.costMicros());
        } else if (usage != null) {
            registry.counter("caravan.unpriced.calls", model).increment();
        }
        for (String budget : call.budgetAlerts()) {
            registry.counter("caravan.budget.soft.crossings", "budget", budget).increment();
        }
        for (String category : call.signals()) {
            registry.counter("caravan.guardrail.hits", "category", category).increment();
        }
        if (call.error() != null && !call.error().startsWith("upstream_")) {
            registry.counter("caravan.refusals", "reason", call.error()).increment();
        }
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(name)
                .tags(tags)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static void record(Timer timer, Long nanos) {
        if (nanos != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static int code(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, METRICS_ONLY -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            case DISABLED -> 3;
        };
    }

    private static String orNone(String value) {
        return value == null || value.equals(CallRecord.NOT_RUN) ? NONE : value;
    }
}
