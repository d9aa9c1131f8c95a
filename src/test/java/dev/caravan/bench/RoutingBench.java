package dev.caravan.bench;

import dev.caravan.config.RoutingSettings;
import dev.caravan.routing.ModelPrices;
import dev.caravan.routing.Route;
import dev.caravan.routing.RoutePlanner;
import dev.caravan.routing.Strategy;
import dev.caravan.routing.Target;
import dev.caravan.routing.TargetHealth;
import dev.caravan.routing.Upstream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One routing decision for a 3-target route, run by bench/routing.sh: plan, acquire the primary, record its success;
 * and the check of a client-chosen upstream URL.
 */
@State(Scope.Benchmark)
public class RoutingBench {
    private static final Map<String, Long> PRICES = Map.of("gpt-4o", 12_500_000L, "gpt-4o-mini", 750_000L);
    /** A fixed latency per model, so least_latency keeps one fastest target while the bench records successes. */
    private static final Map<String, Long> LATENCY_NANOS =
            Map.of("gpt-4o", 900_000_000L, "gpt-4o-mini", 350_000_000L, "llama-3.1-70b", 500_000_000L);

    private TargetHealth health;
    private RoutePlanner planner;
    private Route failover;
    private Route weighted;
    private Route leastLatency;
    private Route cost;

    @Setup
    public void setUp() {
        health = new TargetHealth(RoutingSettings.DEFAULTS, Clock.systemUTC());
        ModelPrices prices =
                model -> PRICES.containsKey(model) ? OptionalLong.of(PRICES.get(model)) : OptionalLong.empty();
        planner = new RoutePlanner(health, prices);
        failover = route("failover", Strategy.FAILOVER);
        weighted = route("weighted", Strategy.WEIGHTED);
        leastLatency = route("least", Strategy.LEAST_LATENCY);
        cost = route("cost", Strategy.COST);
        leastLatency.targets().forEach(this::answer); // every target tried once, so none is planned first as untried
    }

    private static Route route(String alias, Strategy strategy) {
        Upstream openai =
                new Upstream("openai", URI.create("https://api.openai.com/v1"), Optional.empty(), false, false);
        Upstream vllm = new Upstream("vllm", URI.create("http://10.0.0.5:8000/v1"), Optional.empty(), false, false);
        List<Target> targets = List.of(
                new Target(alias + "|openai|gpt-4o|1", openai, "gpt-4o", 6, Map.of()),
                new Target(alias + "|vllm|llama-3.1-70b|1", vllm, "llama-3.1-70b", 3, Map.of()),
                new Target(alias + "|openai|gpt-4o-mini|1", openai, "gpt-4o-mini", 1, Map.of()));
        return new Route(
                alias, strategy, 1, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ZERO, targets, false);
    }

    private Target answer(Target target) {
        if (health.tryAcquire(target)) {
            health.succeeded(target, LATENCY_NANOS.get(target.model()));
        }
        return target;
    }

    private Target decide(Route route) {
        return answer(planner.plan(route).get(0));
    }

    private final dev.caravan.routing.UpstreamAddressGuard guard =
            new dev.caravan.routing.UpstreamAddressGuard(true, java.util.Set.of());

    /** The SSRF check of a client-chosen upstream URL with an IP-literal host (X-Caravan-Upstream), per call. */
    @Benchmark
    public URI clientChosenUpstream() throws Exception {
        return guard.check("http://127.0.0.1:8000/v1");
    }

    @Benchmark
    public Target failover() {
        return decide(failover);
    }

    @Benchmark
    public Target weighted() {
        return decide(weighted);
    }

    @Benchmark
    public Target leastLatency() {
        return decide(leastLatency);
    }

    @Benchmark
    public Target cost() {
        return decide(cost);
    }
}
