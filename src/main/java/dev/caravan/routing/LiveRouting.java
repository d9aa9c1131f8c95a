package dev.caravan.routing;

import dev.caravan.config.CaravanFile;
import dev.caravan.spend.PriceTable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing configuration in force. A new version of the config file replaces it whole, or not at all when it is
 * invalid; a call in flight keeps the version it started with.
 */
public final class LiveRouting {
    private final AtomicReference<Routing> current = new AtomicReference<>();
    private final Map<String, String> environment;
    private final UpstreamAddressGuard guard;
    private final Duration defaultTimeout;
    private final TargetHealth health;

    public LiveRouting(
            CaravanFile file,
            Map<String, String> environment,
            UpstreamAddressGuard guard,
            Duration defaultTimeout,
            TargetHealth health) {
        this.environment = Map.copyOf(environment);
        this.guard = guard;
        this.defaultTimeout = defaultTimeout;
        this.health = health;
        apply(file);
    }

    public Routing current() {
        return current.get();
    }

    /** The {@code cost} strategy's view of the price table in force. */
    public ModelPrices prices() {
        return model -> current().blendedPrice(model);
    }

    public TargetHealth health() {
        return health;
    }

    /** Validates the file's upstreams and routes and puts them in force; a ConfigException leaves the old ones serving. */
    public Routing apply(CaravanFile file) {
        UpstreamCatalog catalog = UpstreamCatalog.load(file, environment, guard);
        RouteTable routes = RouteTable.load(file, catalog, environment, defaultTimeout, health.defaults());
        Routing previous = current.get();
        PriceTable prices = PriceTable.bundled().withOverrides(file.prices());
        Routing next = new Routing(catalog, routes, prices, previous == null ? 1 : previous.generation() + 1);
        current.set(next);
        health.retainOnly(routes.routes());
        return next;
    }
}
