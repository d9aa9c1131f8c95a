package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.Wire;
import dev.caravan.routes.Vars;
import dev.caravan.routing.DeploymentUpstreams;
import dev.caravan.routing.LiveRouting;
import dev.caravan.routing.Route;
import dev.caravan.routing.RoutePlanner;
import dev.caravan.routing.Routing;
import dev.caravan.routing.Secret;
import dev.caravan.routing.Target;
import dev.caravan.routing.UnknownUpstreamException;
import dev.caravan.routing.Upstream;
import dev.caravan.routing.UpstreamNotAllowedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Plans where the call goes: the route its {@code model} names (an alias wins over {@code X-Caravan-Upstream}), its
 * targets ordered by the route's strategy; else the one upstream the header picks, with the model as sent. Keeps only
 * targets that have a provider key: their own stored one, bound to their host, or the client's.
 */
public final class PlanRoute implements Processor {
    private static final String GATEWAY_KEY_PREFIX = "cvn_";

    private final LiveRouting routing;
    private final RoutePlanner planner;

    public PlanRoute(LiveRouting routing, RoutePlanner planner) {
        this.routing = routing;
        this.planner = planner;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Routing current = routing.current();
        String model = Vars.request(exchange).model();
        Wire wire = Vars.wire(exchange);
        Optional<Route> alias = wire.followsAliases() ? current.routes().find(model) : Optional.empty();
        Route route = alias.isPresent()
                ? alias.get()
                : Route.direct(direct(in, current, wire, Vars.request(exchange)), model, null);
        Secret clientKey = clientKey(in, wire);
        List<Target> plan = callable(planner.plan(route), clientKey != null || wire.signsRequests());
        if (plan.isEmpty()) {
            throw new GatewayException(
                    ApiError.MISSING_PROVIDER_KEY,
                    "no provider key: send it as " + wire.keyHeader()
                            + " (or in X-Provider-Key when that header carries a gateway key), or configure one for "
                            + (route.direct()
                                    ? "upstream '"
                                            + route.targets().get(0).upstream().name() + "'"
                                    : "a target of route '" + route.alias() + "'"));
        }
        exchange.setVariable(Vars.ROUTE, route);
        exchange.setVariable(Vars.PLAN, plan);
        exchange.setVariable(Vars.PROVIDER_KEY, clientKey);
        Vars.callRecord(exchange).routed(route.alias());
        Vars.callRecord(exchange)
                .routedTo(plan.get(0).upstream().name(), plan.get(0).model());
    }

    /** The targets a call can reach: all of them with the client's key (or request signing), else the keyless or keyed. */
    private static List<Target> callable(List<Target> targets, boolean clientCredentials) {
        List<Target> callable = new ArrayList<>(targets.size());
        for (Target target : targets) {
            if (clientCredentials
                    || target.upstream().keyless()
                    || target.upstream().storedCredential().isPresent()) {
                callable.add(target);
            }
        }
        return callable;
    }

    /**
     * The upstream {@code X-Caravan-Upstream} names: a preset or configured name, or a checked base URL; without the
     * header, the wire's own base URL (Bedrock: the region's runtime endpoint), else the catalog's upstream the wire
     * names by default (Anthropic Messages: the {@code anthropic} preset).
     */
    private static Upstream direct(Message in, Routing current, Wire wire, ApiRequest request) {
        if (in.getHeader("x-caravan-upstream") instanceof Collection<?>) {
            throw new GatewayException(ApiError.UNKNOWN_UPSTREAM, "X-Caravan-Upstream must be sent once");
        }
        String name = in.getHeader("x-caravan-upstream", String.class);
        Optional<java.net.URI> base = name == null || name.isBlank() ? wire.defaultBase(request) : Optional.empty();
        if (base.isPresent()) {
            return new Upstream(base.get().getHost(), base.get(), Optional.empty(), false, false);
        }
        try {
            Optional<Upstream> deployment = DeploymentUpstreams.select(
                    name,
                    h -> in.getHeader(h, String.class),
                    Optional.ofNullable(name).flatMap(current.catalog()::named));
            if (deployment.isPresent() && !wire.reachesDeployments()) {
                throw new GatewayException(
                        ApiError.UNKNOWN_UPSTREAM,
                        "upstream '" + deployment.get().name() + "' serves chat completions and embeddings; "
                                + wire.path() + " cannot be sent there");
            }
            if (deployment.isPresent()) {
                return deployment.get();
            }
            return current.catalog().select(name, wire.defaultUpstream());
        } catch (DeploymentUpstreams.HeaderException e) {
            throw new GatewayException(ApiError.MISSING_UPSTREAM_HEADER, e.getMessage());
        } catch (UnknownUpstreamException e) {
            throw new GatewayException(ApiError.UNKNOWN_UPSTREAM, e.getMessage());
        } catch (UpstreamNotAllowedException e) {
            throw new GatewayException(ApiError.UPSTREAM_NOT_ALLOWED, e.getMessage());
        }
    }

    /** The provider key the client sent, if any; a gateway key in the API's key header moves it to X-Provider-Key. */
    private static Secret clientKey(Message in, Wire wire) {
        String key = wire.presentedKey(name -> in.getHeader(name, String.class));
        if (key != null && key.startsWith(GATEWAY_KEY_PREFIX)) {
            key = null;
        }
        if (key == null) {
            String provider = in.getHeader("x-provider-key", String.class);
            key = provider == null || provider.isBlank() ? null : provider.trim();
        }
        return key == null ? null : new Secret(key);
    }
}
