package dev.caravan.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders a route's targets for one call by its strategy: the first is the primary, the rest are failover in order.
 * Open breakers are skipped later, when each target is about to be tried.
 */
public final class RoutePlanner {
    /** How often {@code least_latency} tries a target other than the fastest, so a recovered one is noticed. */
    static final double EXPLORATION = 0.05;

    private final TargetHealth health;
    private final ModelPrices prices;
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

    public RoutePlanner(TargetHealth health, ModelPrices prices) {
        this.health = health;
        this.prices = prices;
    }

    public List<Target> plan(Route route) {
        List<Target> targets = route.targets();
        if (targets.size() == 1) {
            return targets;
        }
        return switch (route.strategy()) {
            case FAILOVER -> targets;
            case ROUND_ROBIN -> rotated(targets, turns.computeIfAbsent(route.alias(), a -> new AtomicLong()));
            case WEIGHTED -> weighted(targets);
            case COST -> cheapestFirst(targets);
            case LEAST_LATENCY -> fastestFirst(targets);
        };
    }

    private static List<Target> rotated(List<Target> targets, AtomicLong turn) {
        int start = (int) Math.floorMod(turn.getAndIncrement(), (long) targets.size());
        List<Target> order = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            order.add(targets.get((start + i) % targets.size()));
        }
        return order;
    }

    /** Weighted random order without replacement: the primary is drawn by weight, then each failover from the rest. */
    private static List<Target> weighted(List<Target> targets) {
        List<Target> left = new ArrayList<>(targets);
        List<Target> order = new ArrayList<>(targets.size());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!left.isEmpty()) {
            long total = 0;
            for (Target t : left) {
                total += t.weight();
            }
            long draw = random.nextLong(total);
            int i = 0;
            while (draw >= left.get(i).weight()) {
                draw -= left.get(i).weight();
                i++;
            }
            order.add(left.remove(i));
        }
        return order;
    }

    /** Cheapest priced model first; unpriced targets after every priced one, in declared order. */
    private List<Target> cheapestFirst(List<Target> targets) {
        List<Target> order = new ArrayList<>(targets);
        order.sort(
                Comparator.comparingLong(t -> prices.microsPerMillion(t.model()).orElse(Long.MAX_VALUE)));
        return order;
    }

    /** Untried targets first (to learn them), then the lowest moving-average latency; now and then another one. */
    private List<Target> fastestFirst(List<Target> targets) {
        List<Target> order = new ArrayList<>(targets);
        order.sort(Comparator.comparingDouble(t -> {
            double latency = health.latencyMillis(t);
            return Double.isNaN(latency) ? -1 : latency;
        }));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < EXPLORATION) {
            order.add(0, order.remove(1 + random.nextInt(order.size() - 1)));
        }
        return order;
    }
}
