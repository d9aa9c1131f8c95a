package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.routes.Vars;
import dev.caravan.routing.Secret;
import dev.caravan.routing.UnknownUpstreamException;
import dev.caravan.routing.Upstream;
import dev.caravan.routing.UpstreamCatalog;
import dev.caravan.routing.UpstreamNotAllowedException;
import java.util.Collection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Picks the upstream ({@code X-Caravan-Upstream}: a name or a checked base URL) and the provider key for this one
 * call: the client's own, or a credential stored for that named upstream's host, never for a client-chosen URL.
 */
public final class SelectUpstream implements Processor {
    private static final String GATEWAY_KEY_PREFIX = "cvn_";

    private final UpstreamCatalog catalog;

    public SelectUpstream(UpstreamCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        if (in.getHeader("x-caravan-upstream") instanceof Collection<?>) {
            throw new GatewayException(ApiError.UNKNOWN_UPSTREAM, "X-Caravan-Upstream must be sent once");
        }
        Upstream upstream;
        try {
            upstream = catalog.select(in.getHeader("x-caravan-upstream", String.class));
        } catch (UnknownUpstreamException e) {
            throw new GatewayException(ApiError.UNKNOWN_UPSTREAM, e.getMessage());
        } catch (UpstreamNotAllowedException e) {
            throw new GatewayException(ApiError.UPSTREAM_NOT_ALLOWED, e.getMessage());
        }
        Secret key = clientKey(in);
        if (key == null) {
            key = upstream.storedCredential().orElse(null);
        }
        if (key == null && !upstream.keyless()) {
            throw new GatewayException(
                    ApiError.MISSING_PROVIDER_KEY,
                    "no provider key: send it as 'Authorization: Bearer <key>'"
                            + " (or in X-Provider-Key when Authorization carries a gateway key), or configure one for upstream '"
                            + upstream.name() + "'");
        }
        exchange.setVariable(Vars.UPSTREAM, upstream);
        exchange.setVariable(Vars.PROVIDER_KEY, key);
        Vars.callRecord(exchange)
                .routedTo(upstream.name(), Vars.chatRequest(exchange).model());
    }

    /** The provider key the client sent, if any; a gateway key in Authorization moves it to X-Provider-Key. */
    private static Secret clientKey(Message in) {
        String bearer = bearer(in.getHeader("authorization", String.class));
        if (bearer != null && bearer.startsWith(GATEWAY_KEY_PREFIX)) {
            bearer = null;
        }
        if (bearer == null) {
            String provider = in.getHeader("x-provider-key", String.class);
            bearer = provider == null || provider.isBlank() ? null : provider.trim();
        }
        return bearer == null ? null : new Secret(bearer);
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
