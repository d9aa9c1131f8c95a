package dev.caravan.spend;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The budgets and what was spent and reserved against each, per period bucket. A call reserves its worst-case cost
 * on every budget that applies to it, all or none, before it goes upstream; it settles to its real cost when it ends,
 * or releases the reservation when it fails. So concurrent calls never take a budget past its hard limit.
 */
public final class BudgetBook {
    /** Spent and reserved micro-dollars of one budget in one bucket. */
    private static final class Counter {
        long spent;
        long reserved;
    }

    /** What a reservation attempt gives: a reservation, or a refusal. */
    public sealed interface Result permits Reservation, Refusal {}

    /** A granted reservation, to settle or release exactly once. */
    public static final class Reservation implements Result {
        private final List<String> counters;
        private final long micros;
        private boolean closed;

        private Reservation(List<String> counters, long micros) {
            this.counters = counters;
            this.micros = micros;
        }

        public long micros() {
            return micros;
        }
    }

    /** A refusal: the budget that would be exceeded, and the seconds until its period ends (null: never). */
    public record Refusal(Budget budget, long spentMicros, Long retryAfterSeconds) implements Result {}

    /** A soft threshold crossed by a settled call. */
    public record Crossing(Budget budget, long spentMicros) {}

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BudgetBook.class);

    private final Map<String, Counter> counters = new HashMap<>();
    private final Clock clock;
    private volatile List<Budget> budgets;

    public BudgetBook(List<Budget> budgets, Clock clock) {
        this.budgets = List.copyOf(budgets);
        this.clock = clock;
    }

    /** Puts new budgets in force (a reloaded config file); what was spent so far is kept. */
    public void use(List<Budget> next) {
        this.budgets = List.copyOf(next);
    }

    /** The budgets that apply to a call of this workspace and key (either may be null). */
    public List<Budget> applying(String workspace, String keyId) {
        List<Budget> applying = new ArrayList<>();
        for (Budget budget : budgets) {
            String who = budget.scope() == Budget.Scope.WORKSPACE ? workspace : keyId;
            if (who != null && who.equals(budget.name())) {
                applying.add(budget);
            }
        }
        return applying;
    }

    /** Reserves {@code micros} on every applying budget with a hard limit, or refuses naming the first it would break. */
    public synchronized Result reserve(List<Budget> applying, long micros) {
        long now = clock.millis();
        List<String> keys = new ArrayList<>();
        for (Budget budget : applying) {
            Counter counter = counters.computeIfAbsent(budget.counter(now), k -> new Counter());
            if (budget.hardMicros() != null && counter.spent + counter.reserved + micros > budget.hardMicros()) {
                return new Refusal(budget, counter.spent, secondsLeft(budget.period(), now));
            }
            keys.add(budget.counter(now));
        }
        for (String key : keys) {
            counters.get(key).reserved += micros;
        }
        return new Reservation(List.copyOf(keys), micros);
    }

    /** Turns a reservation into the real cost (which may be lower, or, when usage ran over the estimate, higher). */
    public synchronized List<Crossing> settle(Reservation reservation, long actualMicros, List<Budget> applying) {
        if (reservation.closed) {
            return List.of();
        }
        reservation.closed = true;
        List<Crossing> crossings = new ArrayList<>();
        for (String key : reservation.counters) {
            Counter counter = counters.get(key);
            counter.reserved -= reservation.micros;
            long before = counter.spent;
            counter.spent += actualMicros;
            for (Budget budget : applying) {
                if (key.startsWith(prefix(budget))
                        && budget.softMicros() != null
                        && before < budget.softMicros()
                        && counter.spent >= budget.softMicros()) {
                    crossings.add(new Crossing(budget, counter.spent));
                }
            }
        }
        return crossings;
    }

    /**
     * Ends a call's reservation: settles it to the call's cost, or releases it when the cost is unknown (the call
     * failed before any usage); returns (and logs) the soft thresholds crossed on the way.
     */
    public List<String> close(Reservation reservation, Long costMicros, List<Budget> applying) {
        if (costMicros == null) {
            release(reservation);
            return List.of();
        }
        List<String> crossed = new ArrayList<>();
        for (Crossing crossing : settle(reservation, costMicros, applying)) {
            Budget b = crossing.budget();
            crossed.add(b.scope().name().toLowerCase(java.util.Locale.ROOT) + ":" + b.name() + ":"
                    + b.period().name().toLowerCase(java.util.Locale.ROOT));
            LOG.warn(
                    "soft budget crossed: {} {} ({}) has spent {} micro-dollars of a soft threshold of {}",
                    crossing.budget().scope().name().toLowerCase(java.util.Locale.ROOT),
                    crossing.budget().name(),
                    crossing.budget().period().name().toLowerCase(java.util.Locale.ROOT),
                    crossing.spentMicros(),
                    crossing.budget().softMicros());
        }
        return crossed;
    }

    /** Gives a reservation back untouched (the call failed before costing anything). */
    public synchronized void release(Reservation reservation) {
        if (reservation.closed) {
            return;
        }
        reservation.closed = true;
        for (String key : reservation.counters) {
            counters.get(key).reserved -= reservation.micros;
        }
    }

    /** What was spent in the current bucket of a budget. */
    public synchronized long spent(Budget budget) {
        Counter counter = counters.get(budget.counter(clock.millis()));
        return counter == null ? 0 : counter.spent;
    }

    /** Every bucket's spend, for the snapshot (reservations are not kept: calls in flight end with the process). */
    public synchronized Map<String, Long> snapshot() {
        Map<String, Long> spent = new HashMap<>();
        counters.forEach((key, counter) -> spent.put(key, counter.spent));
        return spent;
    }

    /** Restores spend from a snapshot. */
    public synchronized void restore(Map<String, Long> spent) {
        spent.forEach((key, micros) -> counters.computeIfAbsent(key, k -> new Counter()).spent = micros);
    }

    private static String prefix(Budget budget) {
        return budget.counter(0).substring(0, budget.counter(0).lastIndexOf(':') + 1);
    }

    private static Long secondsLeft(Budget.Period period, long now) {
        java.time.ZonedDateTime at = java.time.Instant.ofEpochMilli(now).atZone(java.time.ZoneOffset.UTC);
        java.time.ZonedDateTime end =
                switch (period) {
                    case DAILY -> at.toLocalDate().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC);
                    case MONTHLY ->
                        at.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC);
                    case TOTAL -> null;
                };
        return end == null ? null : Math.max(1, (end.toInstant().toEpochMilli() - now + 999) / 1000);
    }
}
