package dev.caravan.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Binds {@link Settings} from a property lookup (camel-main's properties component), validating every value. */
public final class SettingsBinder {
    private final Function<String, Optional<String>> lookup;

    public SettingsBinder(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public Settings bind() {
        String config = text("caravan.config", "");
        String keyFile = text("caravan.receipts.key-file", "");
        return new Settings(
                text("caravan.host", "127.0.0.1"),
                integer("caravan.port", 8787),
                Path.of(text("caravan.data-dir", "caravan-data")),
                config.isBlank() ? null : Path.of(config),
                bool("caravan.allow-open", false),
                longValue("caravan.max-body-bytes", 10L * 1024 * 1024),
                Duration.ofMillis(longValue("caravan.upstream.connect-timeout-ms", 10_000)),
                Duration.ofMillis(longValue("caravan.upstream.read-timeout-ms", 120_000)),
                Duration.ofMillis(longValue("caravan.upstream.total-timeout-ms", 600_000)),
                integer("caravan.upstream.max-connections", 4096),
                integer("caravan.worker-threads", 1024),
                Duration.ofMillis(longValue("caravan.shutdown-timeout-ms", 30_000)),
                bool("caravan.upstream.allow-private", true),
                Arrays.stream(text("caravan.upstream.allowed-hosts", "").split(","))
                        .map(String::trim)
                        .filter(h -> !h.isEmpty())
                        .collect(Collectors.toSet()),
                text("caravan.node-id", "").isEmpty() ? defaultNodeId() : text("caravan.node-id", ""),
                keyFile.isEmpty() ? null : Path.of(keyFile),
                text("caravan.receipts.key-env", "").isEmpty() ? null : text("caravan.receipts.key-env", ""),
                Duration.ofMillis(longValue("caravan.receipts.fsync-ms", 200)),
                bool("caravan.receipts.wait-for-disk", false),
                text("caravan.admin.key-env", "CARAVAN_ADMIN_KEY"),
                routing(),
                longValue("caravan.cache.max-bytes", 64L * 1024 * 1024),
                longValue("caravan.spend.default-max-tokens", 4096),
                Duration.ofMillis(longValue("caravan.spend.snapshot-ms", 5000)));
    }

    private RoutingSettings routing() {
        RoutingSettings d = RoutingSettings.DEFAULTS;
        return new RoutingSettings(
                Duration.ofMillis(longValue(
                        "caravan.routing.max-retry-wait-ms", d.maxRetryWait().toMillis())),
                integer("caravan.routing.breaker.failure-rate", d.breakerFailureRate()),
                integer("caravan.routing.breaker.window", d.breakerWindow()),
                integer("caravan.routing.breaker.minimum-calls", d.breakerMinimumCalls()),
                integer("caravan.routing.breaker.consecutive-failures", d.breakerConsecutiveFailures()),
                Duration.ofMillis(longValue(
                        "caravan.routing.breaker.open-ms", d.breakerOpen().toMillis())),
                integer("caravan.routing.breaker.half-open-probes", d.halfOpenProbes()),
                Duration.ofMillis(
                        longValue("caravan.config.reload-ms", d.reloadInterval().toMillis())));
    }

    /** The host name, as a receipt chain's node id: each replica keeps its own chain. */
    private static String defaultNodeId() {
        try {
            String host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.isEmpty() ? "node" : host.substring(0, Math.min(host.length(), 64));
        } catch (java.net.UnknownHostException e) {
            return "node";
        }
    }

    private String text(String key, String fallback) {
        return lookup.apply(key).map(String::trim).orElse(fallback);
    }

    private int integer(String key, int fallback) {
        return (int) longValue(key, fallback);
    }

    private long longValue(String key, long fallback) {
        String value = text(key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, was '" + value + "'");
        }
    }

    private boolean bool(String key, boolean fallback) {
        String value = text(key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new ConfigException(key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
