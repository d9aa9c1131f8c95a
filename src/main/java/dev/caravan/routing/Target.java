package dev.caravan.routing;

import java.util.Map;

/**
 * One place a route can send a call: an upstream with its stored credential (if any), the model asked for there,
 * its weight, and extra headers the operator set. The id names it across reloads, for its health.
 */
public record Target(String id, Upstream upstream, String model, int weight, Map<String, String> headers) {
    public Target {
        headers = Map.copyOf(headers);
    }
}
