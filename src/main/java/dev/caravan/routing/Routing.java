package dev.caravan.routing;

import dev.caravan.spend.PriceTable;

/**
 * One version of the routing configuration: the named upstreams, the route aliases and the price table (the bundled
 * one with the file's rows over it), swapped whole on reload.
 */
public record Routing(UpstreamCatalog catalog, RouteTable routes, PriceTable prices, int generation) {

    /** What the {@code cost} strategy orders by: input plus output price per million tokens. */
    public java.util.OptionalLong blendedPrice(String model) {
        return prices.find(model)
                .map(p -> java.util.OptionalLong.of(p.inputMicros() + p.outputMicros()))
                .orElse(java.util.OptionalLong.empty());
    }
}
