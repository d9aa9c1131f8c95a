package dev.caravan.spend;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A spending limit for a workspace or one gateway key over a period: a hard limit that refuses calls before the money
 * is gone, and an optional soft threshold that is only reported. Money in micro-dollars.
 */
public record Budget(Scope scope, String name, Period period, Long hardMicros, Long softMicros) {
    /** Who a budget applies to. */
    public enum Scope {
        WORKSPACE,
        KEY
    }

    /** The period a budget's spend is counted over, in UTC. */
    public enum Period {
        DAILY,
        MONTHLY,
        TOTAL;

        /** The bucket a moment falls in: {@code 2026-12-06}, {@code 2026-12} or {@code total}. */
        public String bucket(long epochMillis) {
            LocalDate day = java.time.Instant.ofEpochMilli(epochMillis)
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate();
            return switch (this) {
                case DAILY -> day.toString();
                case MONTHLY -> day.toString().substring(0, 7);
                case TOTAL -> "total";
            };
        }

        public static Period parse(String written) {
            try {
                return valueOf(written.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("period must be daily, monthly or total, was '" + written + "'");
            }
        }
    }

    /** The key of this budget's counter in a bucket, e.g. {@code workspace:team-a:monthly:2026-12}. */
    public String counter(long epochMillis) {
        return scope.name().toLowerCase(Locale.ROOT) + ":" + name + ":"
                + period.name().toLowerCase(Locale.ROOT) + ":" + period.bucket(epochMillis);
    }
}
