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
import io.micrometer.core.instrument.Tag;
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
        String model = orNone(call.upstreamModel());
        if (usage != null) {
            tokens.of(model, "in").increment(usage.promptTokens());
            tokens.of(model, "out").increment(usage.completionTokens());
        }
        if (call.costMicros() != null) {
            cost.of(orNone(call.workspace()), orNone(call.keyId()), model, orNone(call.route()))
                    .increment(call.costMicros());
        } else if (usage != null) {
            unpriced.of(model).increment();
        }
        for (String budget : call.budgetAlerts()) {
            budgetCrossings.of(budget).increment();
        }
        for (String category : call.signals()) {
            guardrailHits.of(category).increment();
        }
        if (call.error() != null && !call.error().startsWith("upstream_")) {
            refusals.of(call.error()).increment();
        }
    }

    private final Counters tokens = new Counters("caravan.tokens", "model", "direction");
    private final Counters cost = new Counters("caravan.cost.micros", "workspace", "key_id", "model", "route");
    private final Counters unpriced = new Counters("caravan.unpriced.calls", "model");
    private final Counters budgetCrossings = new Counters("caravan.budget.soft.crossings", "budget");
    private final Counters guardrailHits = new Counters("caravan.guardrail.hits", "category");
    private final Counters refusals = new Counters("caravan.refusals", "reason");

    /**
     * One counter name with fixed tag keys, each set of tag values' counter registered on first use and found again by
     * the values alone: looking a counter up in the registry builds, filters and hashes a meter id on every call.
     */
    private final class Counters {
        private final String name;
        private final String[] keys;
        private final java.util.Map<List<String>, Counter> byValues = new java.util.concurrent.ConcurrentHashMap<>();

        Counters(String name, String... keys) {
            this.name = name;
            this.keys = keys;
        }

        /** The counter of these tag values, in the order of the keys. */
        Counter of(String... values) {
            return byValues.computeIfAbsent(List.of(values), v -> {
                List<Tag> tags = new ArrayList<>();
                for (int k = 0; k < keys.length; k++) {
                    tags.add(Tag.of(keys[k], v.get(k)));
                }
                return registry.counter(name, tags);
            });
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
