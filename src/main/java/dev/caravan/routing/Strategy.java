package dev.caravan.routing;

import java.util.Locale;

/** How a route orders its targets for one call; the first available one is tried first. */
public enum Strategy {
    FAILOVER,
    ROUND_ROBIN,
    WEIGHTED,
    COST,
    LEAST_LATENCY;

    /** The strategy as written in the config file ({@code failover}, {@code round_robin}, ...), null for failover. */
    public static Strategy parse(String written) {
        if (written == null || written.isBlank()) {
            return FAILOVER;
        }
        try {
            return valueOf(written.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown strategy '" + written + "' (one of failover, round_robin, weighted, cost, least_latency)");
        }
    }

    /** The name as written in the config file. */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }
}
