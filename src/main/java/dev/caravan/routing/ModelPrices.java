package dev.caravan.routing;

import java.util.OptionalLong;

/** What the {@code cost} strategy orders by: a model's input plus output price per million tokens, if it is priced. */
@FunctionalInterface
public interface ModelPrices {
    ModelPrices NONE = model -> OptionalLong.empty();

    OptionalLong microsPerMillion(String model);
}
