package dev.caravan.routing;

import java.util.Map;

/**
 * One place a route can send a call: an upstream with its stored credential (if any), the model asked for there,
 * its weight, extra headers the operator set, and its route's breaker policy (null: the gateway's). The id names it
 * across reloads, for its health.
 */
public record Target(
        String id, Upstream upstream, String model, int weight, Map<String, String> headers, BreakerPolicy breaker) {
    public Target {
        headers = Map.copyOf(headers);
    }

    /** A target under the gateway's breaker policy. */
    public Target(String id, Upstream upstream, String model, int weight, Map<String, String> headers) {
        this(id, upstream, model, weight, headers, null);
    }
}
