package dev.caravan.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caravan.config.RoutingSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RoutePlannerTest {
    final TargetHealth health = new TargetHealth(RoutingSettings.DEFAULTS, Clock.systemUTC());
    final RoutePlanner planner = new RoutePlanner(health, ModelPrices.NONE);

    static Target target(String model, int weight) {
        Upstream upstream = new Upstream("up", URI.create("http://up.test/v1"), Optional.empty(), false, false);
        return new Target("r|up|" + model + "|1", upstream, model, weight, Map.of());
    }

    static Target target(String model) {
        return target(model, 1);
    }

    static Route route(String alias, Strategy strategy, Target... targets) {
        return new Route(
                alias,
                strategy,
                0,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ZERO,
                List.of(targets),
                false);
    }

    void recordLatency(Target target, long millis) {
        assertThat(health.tryAcquire(target)).isTrue();
        health.succeeded(target, millis * 1_000_000L);
    }

    final Target a = target("a");
    final Target b = target("b");
    final Target c = target("c");

    @Test
    void failoverKeepsTheDeclaredOrder() {
        Route route = route("r", Strategy.FAILOVER, a, b, c);

        for (int i = 0; i < 5; i++) {
            assertThat(planner.plan(route)).containsExactly(a, b, c);
        }
    }

    @Test
    void roundRobinRotatesThePrimaryOverSuccessiveCalls() {
        Route route = route("r", Strategy.ROUND_ROBIN, a, b, c);

        assertThat(planner.plan(route)).containsExactly(a, b, c);
        assertThat(planner.plan(route)).containsExactly(b, c, a);
        assertThat(planner.plan(route)).containsExactly(c, a, b);
        assertThat(planner.plan(route)).containsExactly(a, b, c);
    }

    @Test
    void roundRobinKeepsOneTurnPerAlias() {
        Route first = route("first", Strategy.ROUND_ROBIN, a, b);
        Route second = route("second", Strategy.ROUND_ROBIN, a, b);

        planner.plan(first);

        assertThat(planner.plan(second)).containsExactly(a, b);
        assertThat(planner.plan(first)).containsExactly(b, a);
    }

    @Test
    void weightedPutsEachTargetFirstInProportionToItsWeight() {
        Target light = target("light", 1);
        Target medium = target("medium", 3);
        Target heavy = target("heavy", 6);
        Route route = route("r", Strategy.WEIGHTED, light, medium, heavy);
        Map<Target, Integer> firsts = new HashMap<>();
        int plans = 10_000;

        for (int i = 0; i < plans; i++) {
            List<Target> plan = planner.plan(route);
            assertThat(plan).containsExactlyInAnyOrder(light, medium, heavy);
            firsts.merge(plan.get(0), 1, Integer::sum);
        }

        assertThat(firsts.getOrDefault(light, 0) / (double) plans).isCloseTo(0.1, within(0.02));
        assertThat(firsts.getOrDefault(medium, 0) / (double) plans).isCloseTo(0.3, within(0.02));
        assertThat(firsts.getOrDefault(heavy, 0) / (double) plans).isCloseTo(0.6, within(0.02));
    }

    @Test
    void costPutsTheCheapestPricedModelFirstAndUnpricedOnesLastInDeclaredOrder() {
        Map<String, Long> table = Map.of("cheap", 150_000L, "mid", 2_500_000L, "dear", 15_000_000L);
        ModelPrices prices =
                model -> table.containsKey(model) ? OptionalLong.of(table.get(model)) : OptionalLong.empty();
        RoutePlanner byCost = new RoutePlanner(health, prices);
        Target unpricedX = target("x-unpriced");
        Target dear = target("dear");
        Target unpricedY = target("y-unpriced");
        Target mid = target("mid");
        Target cheap = target("cheap");

        List<Target> plan = byCost.plan(route("r", Strategy.COST, unpricedX, dear, unpricedY, mid, cheap));

        assertThat(plan).containsExactly(cheap, mid, dear, unpricedX, unpricedY);
    }

    @Test
    void costWithNoPricesKeepsTheDeclaredOrder() {
        assertThat(planner.plan(route("r", Strategy.COST, c, a, b))).containsExactly(c, a, b);
    }

    @Test
    void leastLatencyPutsAnUntriedTargetFirst() {
        recordLatency(a, 20);
        recordLatency(b, 10);
        Route route = route("r", Strategy.LEAST_LATENCY, a, b, c);
        int untriedFirst = 0;

        for (int i = 0; i < 1_000; i++) {
            if (planner.plan(route).get(0).equals(c)) {
                untriedFirst++;
            }
        }

        assertThat(untriedFirst).isGreaterThanOrEqualTo(900);
    }

    @Test
    void leastLatencyPutsTheFastestFirstAndExploresNowAndThen() {
        recordLatency(a, 300);
        recordLatency(b, 40);
        recordLatency(c, 120);
        Route route = route("r", Strategy.LEAST_LATENCY, a, b, c);
        int fastestFirst = 0;
        int plans = 2_000;

        for (int i = 0; i < plans; i++) {
            List<Target> plan = planner.plan(route);
            assertThat(plan).containsExactlyInAnyOrder(a, b, c);
            if (plan.get(0).equals(b)) {
                assertThat(plan).containsExactly(b, c, a);
                fastestFirst++;
            }
        }

        assertThat(fastestFirst).isGreaterThanOrEqualTo(plans * 9 / 10).isLessThan(plans);
    }

    @Test
    void aSingleTargetRouteReturnsIt() {
        for (Strategy strategy : Strategy.values()) {
            assertThat(planner.plan(route("solo", strategy, a)))
                    .as(strategy.written())
                    .containsExactly(a);
        }
    }
}
