package dev.caravan.routing;

import dev.caravan.config.CaravanFile;
import dev.caravan.config.ConfigException;
import dev.caravan.config.CredentialReference;
import dev.caravan.config.RouteEntry;
import dev.caravan.config.RouteEntry.TargetEntry;
import dev.caravan.providers.ChatTranslators;
import dev.caravan.providers.bedrock.BedrockTranslator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The route aliases of the config file, validated: a bad route stops the boot (or a reload) naming its line. */
public final class RouteTable {
    private static final int MAX_RETRIES = 10;
    private static final Set<String> APIS = Set.of("openai", "anthropic", "bedrock", "gemini");
    /** Headers a target may not set: the gateway owns them (and keys belong in {@code credential}). */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "authorization",
            "api-key",
            "x-api-key",
            "host",
            "content-length",
            "content-type",
            "transfer-encoding",
            "connection",
            "accept-encoding",
            "traceparent");

    private final Map<String, Route> byAlias;

    private RouteTable(Map<String, Route> byAlias) {
        this.byAlias = byAlias;
    }

    /** The file's routes; {@code defaultTimeout} applies to a route that sets no {@code timeoutMs}. */
    public static RouteTable load(
            CaravanFile file, UpstreamCatalog catalog, Map<String, String> environment, Duration defaultTimeout) {
        return load(file, catalog, environment, defaultTimeout, null);
    }

    /** As above, with the gateway's breaker policy under each route's own {@code breaker} section. */
    public static RouteTable load(
            CaravanFile file,
            UpstreamCatalog catalog,
            Map<String, String> environment,
            Duration defaultTimeout,
            BreakerPolicy breakers) {
        Map<String, Route> routes = new LinkedHashMap<>();
        List<RouteEntry> entries = file.routes();
        Map<String, Integer> declared = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            RouteEntry entry = entries.get(i);
            String at = entry == null || entry.alias() == null
                    ? file.where().apply("routes") + "routes[" + i + "]: "
                    : file.where()
                                    .apply(CaravanFile.nth(
                                            "alias: " + entry.alias(),
                                            declared.merge(entry.alias(), 1, Integer::sum) - 1))
                            + "route '" + entry.alias() + "': ";
            Route route = route(entry, at, catalog, environment, defaultTimeout, breakers);
            if (routes.putIfAbsent(route.alias(), route) != null) {
                throw new ConfigException(at + "the alias is declared twice");
            }
        }
        return new RouteTable(Map.copyOf(routes));
    }

    /** The route a request's {@code model} names, if it is an alias. */
    public Optional<Route> find(String model) {
        return model == null ? Optional.empty() : Optional.ofNullable(byAlias.get(model));
    }

    /** Every route, in alias order. */
    public Collection<Route> routes() {
        return byAlias.values().stream()
                .sorted(java.util.Comparator.comparing(Route::alias))
                .toList();
    }

    private static Route route(
            RouteEntry entry,
            String at,
            UpstreamCatalog catalog,
            Map<String, String> environment,
            Duration defaultTimeout,
            BreakerPolicy breakers) {
        if (entry == null || entry.alias() == null || entry.alias().isBlank()) {
            throw new ConfigException(at + "a route needs an alias (what clients send as model)");
        }
        Strategy strategy;
        try {
            strategy = Strategy.parse(entry.strategy());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + e.getMessage());
        }
        int retries = entry.retryCount() == null ? 0 : entry.retryCount();
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new ConfigException(at + "retryCount must be between 0 and " + MAX_RETRIES + ", was " + retries);
        }
        Duration timeout = millis(at, "timeoutMs", entry.timeoutMs(), defaultTimeout);
        Duration firstToken = millis(at, "firstTokenTimeoutMs", entry.firstTokenTimeoutMs(), timeout);
        if (entry.cacheTtlSeconds() != null && entry.cacheTtlSeconds() < 0) {
            throw new ConfigException(at + "cacheTtlSeconds must be 0 (off) or more");
        }
        Duration cacheTtl = Duration.ofSeconds(entry.cacheTtlSeconds() == null ? 0 : entry.cacheTtlSeconds());
        if (entry.targets() == null || entry.targets().isEmpty()) {
            throw new ConfigException(at + "a route needs at least one target");
        }
        BreakerPolicy breaker = entry.breaker() == null
                ? breakers
                : (breakers == null ? BreakerPolicy.of(dev.caravan.config.RoutingSettings.DEFAULTS) : breakers)
                        .with(entry.breaker(), at);
        List<Target> targets = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int t = 0; t < entry.targets().size(); t++) {
            String targetAt = at + "targets[" + t + "]: ";
            Target target =
                    target(entry.alias(), entry.targets().get(t), targetAt, catalog, environment, seen, breaker);
            targets.add(target);
        }
        return new Route(
                entry.alias().trim(),
                strategy,
                retries,
                timeout,
                firstToken.compareTo(timeout) > 0 ? timeout : firstToken,
                cacheTtl,
                targets,
                false);
    }

    private static Target target(
            String alias,
            TargetEntry entry,
            String at,
            UpstreamCatalog catalog,
            Map<String, String> environment,
            Map<String, Integer> seen,
            BreakerPolicy breaker) {
        if (entry == null || entry.upstream() == null || entry.upstream().isBlank()) {
            throw new ConfigException(at + "a target needs an upstream (a preset, an upstreams entry or a base URL)");
        }
        if (entry.model() == null || entry.model().isBlank()) {
            throw new ConfigException(at + "a target needs the model to ask for there");
        }
        String api = entry.api() == null ? "openai" : entry.api().trim().toLowerCase(Locale.ROOT);
        if (!APIS.contains(api)) {
            throw new ConfigException(at + "api must be one of openai, anthropic, bedrock, gemini, was '" + api + "'");
        }
        if (!ChatTranslators.supports(api)) {
            throw new ConfigException(at + "api '" + api
                    + "' needs cross-provider translation, which this version does not have yet for " + api);
        }
        int weight = entry.weight() == null ? 1 : entry.weight();
        if (weight < 1 || weight > 1_000_000) {
            throw new ConfigException(at + "weight must be between 1 and 1000000, was " + weight);
        }
        Optional<Secret> credential;
        try {
            credential =
                    CredentialReference.resolve(entry.credential(), environment).map(Secret::new);
        } catch (ConfigException e) {
            throw new ConfigException(at + "credential: " + e.getMessage());
        }
        boolean written = entry.credential() != null && !entry.credential().isBlank();
        Upstream upstream = catalog.forTarget(at + "upstream", entry.upstream(), credential, written);
        Map<String, String> headers = headers(at, entry.headers());
        if (api.equals("bedrock")
                && BedrockTranslator.regionOf(headers.get(BedrockTranslator.REGION_HEADER), upstream.baseUri())
                        .isEmpty()) {
            throw new ConfigException(at + BedrockTranslator.NEEDS_REGION);
        }
        String model = entry.model().trim();
        String place = upstream.name() + "|" + model;
        int nth = seen.merge(place, 1, Integer::sum);
        return new Target(alias.trim() + "|" + place + "|" + nth, upstream, model, weight, headers, breaker, api);
    }

    private static Map<String, String> headers(String at, Map<String, String> written) {
        if (written == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        written.forEach((name, value) -> {
            String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            if (!lower.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new ConfigException(at + "headers: '" + name + "' is not a header name");
            }
            if (RESERVED_HEADERS.contains(lower)) {
                throw new ConfigException(
                        at + "headers: the gateway sets '" + lower + "' itself (a key goes in credential)");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ConfigException(at + "headers: '" + name + "' needs a one-line value");
            }
            headers.put(lower, value);
        });
        return headers;
    }

    private static Duration millis(String at, String key, Long written, Duration fallback) {
        if (written == null) {
            return fallback;
        }
        if (written < 1) {
            throw new ConfigException(at + key + " must be positive, was " + written);
        }
        return Duration.ofMillis(written);
    }

    /** How many routes the file declares. */
    public int size() {
        return byAlias.size();
    }
}
