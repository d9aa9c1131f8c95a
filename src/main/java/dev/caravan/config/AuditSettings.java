package dev.caravan.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Where audit events go: the JSONL file, Kafka (when brokers are set) and any extra Camel endpoints. */
public record AuditSettings(
        boolean fileEnabled,
        String kafkaBrokers,
        int queueSize,
        java.time.Duration linger,
        int kafkaBatch,
        long spoolSegmentBytes,
        List<String> extraSinks) {

    public AuditSettings {
        if (queueSize < 1 || kafkaBatch < 1 || spoolSegmentBytes < 1024) {
            throw new ConfigException("caravan.audit.queue-size and caravan.audit.kafka.batch must be positive,"
                    + " caravan.audit.kafka.spool-segment-bytes at least 1024");
        }
        if (linger.isNegative() || linger.compareTo(java.time.Duration.ofSeconds(1)) > 0) {
            throw new ConfigException("caravan.audit.linger-ms must be between 0 and 1000");
        }
        extraSinks = List.copyOf(extraSinks);
    }

    /** Binds the {@code caravan.audit.*} properties. */
    public static AuditSettings bind(Function<String, Optional<String>> lookup) {
        Function<String, String> text =
                key -> lookup.apply(key).map(String::trim).orElse("");
        return new AuditSettings(
                !text.apply("caravan.audit.file.enabled").equalsIgnoreCase("false"),
                text.apply("caravan.audit.kafka.brokers"),
                number(text, "caravan.audit.queue-size", 10_000),
                java.time.Duration.ofMillis(number(text, "caravan.audit.linger-ms", 10L)),
                number(text, "caravan.audit.kafka.batch", 2_000),
                number(text, "caravan.audit.kafka.spool-segment-bytes", 64L << 20),
                Arrays.stream(text.apply("caravan.audit.extra-sinks").split(","))
                        .map(String::trim)
                        .filter(uri -> !uri.isEmpty())
                        .toList());
    }

    public boolean kafkaEnabled() {
        return !kafkaBrokers.isEmpty();
    }

    /** Whether any sink is on; with none, no event is built. */
    public boolean anySink() {
        return fileEnabled || kafkaEnabled() || !extraSinks.isEmpty();
    }

    private static int number(Function<String, String> text, String key, int fallback) {
        return (int) number(text, key, (long) fallback);
    }

    private static long number(Function<String, String> text, String key, long fallback) {
        String value = text.apply(key);
        try {
            return value.isEmpty() ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, was '" + value + "'");
        }
    }
}
