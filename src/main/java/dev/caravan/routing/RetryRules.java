package dev.caravan.routing;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * When an attempt is worth repeating (connect errors, 408, 429, 5xx; never another 4xx) and how long to wait first:
 * the upstream's {@code Retry-After} up to a cap, else a short jittered backoff.
 */
public final class RetryRules {
    private static final long BASE_BACKOFF_MILLIS = 25;

    private RetryRules() {}

    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * How long to wait before trying the same target again, or null when the upstream asks for longer than
     * {@code cap} (better to move to the next target at once). {@code header} looks up a response header.
     */
    public static Duration waitBefore(int retry, Function<String, String> header, Duration cap, long nowMillis) {
        Duration asked = retryAfter(header, nowMillis);
        if (asked != null) {
            return asked.compareTo(cap) > 0 ? null : asked;
        }
        long ceiling = BASE_BACKOFF_MILLIS << Math.min(retry, 6);
        long backoff = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofMillis(Math.min(backoff, cap.toMillis()));
    }

    /** {@code retry-after-ms} (OpenAI), else {@code retry-after} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Function<String, String> header, long nowMillis) {
        String millis = header.apply("retry-after-ms");
        if (millis != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.trim())));
            } catch (NumberFormatException ignored) {
                // fall back to retry-after
            }
        }
        String value = header.apply("retry-after");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
                return Duration.ofMillis(Math.max(0, at - nowMillis));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
