package dev.caravan.spend;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One model's price in micro-dollars per million tokens ($0.15/M is 150_000).
 *
 * <p>{@code cachedInputMicros} is null when the provider has no separate cache-read price; cached
 * tokens are then charged at the input price. {@code source} and {@code asOf} are mandatory for the
 * bundled table and optional for the operator's own rows from the configuration file.
 */
public record Price(
        String model,
        String provider,
        long inputMicros,
        long outputMicros,
        Long cachedInputMicros,
        String source,
        LocalDate asOf) {

    public Price {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (inputMicros < 0 || outputMicros < 0 || (cachedInputMicros != null && cachedInputMicros < 0)) {
            throw new IllegalArgumentException("prices of " + model + " must not be negative");
        }
    }

    /** The price charged for a cached prompt token: the cache-read price, or the input price without one. */
    public long effectiveCachedInputMicros() {
        return cachedInputMicros == null ? inputMicros : cachedInputMicros;
    }
}
