package dev.caravan.routing;

import java.util.Map;

/**
 * One place a route can send a call: an upstream with its stored credential (if any), the model asked for there,
 * its weight, extra headers the operator set, its route's breaker policy (null: the gateway's) and the wire API it
 * speaks ({@code openai}, or one the gateway translates to). The id names it across reloads, for its health.
 */
public record Target(
        String id,
        Upstream upstream,
        String model,
        int weight,
        Map<String, String> headers,
        BreakerPolicy breaker,
        String api) {
    public static final String OPENAI = "openai";

    public Target {
        headers = Map.copyOf(headers);
    }

    /** A target that speaks OpenAI's API. */
    public Target(
            String id,
            Upstream upstream,
            String model,
            int weight,
            Map<String, String> headers,
            BreakerPolicy breaker) {
        this(id, upstream, model, weight, headers, breaker, OPENAI);
    }

    /** A target under the gateway's breaker policy. */
    public Target(String id, Upstream upstream, String model, int weight, Map<String, String> headers) {
        this(id, upstream, model, weight, headers, null);
    }
}
