package dev.caravan.routing;

import java.net.URI;
import java.util.Optional;

/**
 * Where a call goes: a base URL (exactly what the ingress's SDK takes) and, for named upstreams only, the
 * credential stored for that host. A few upstreams also need a query after the API path (Azure's
 * {@code api-version}) and take the key in a header of their own (Azure's {@code api-key}; null: the API's usual one).
 */
public record Upstream(
        String name,
        URI baseUri,
        Optional<Secret> storedCredential,
        boolean keyless,
        boolean clientChosen,
        String query,
        String keyHeader) {

    public Upstream(
            String name, URI baseUri, Optional<Secret> storedCredential, boolean keyless, boolean clientChosen) {
        this(name, baseUri, storedCredential, keyless, clientChosen, "", null);
    }

    /** The full URL of an API path below the base URL, e.g. {@code /chat/completions}, and the upstream's query. */
    public URI resolve(String apiPath) {
        return URI.create(baseUri.toString() + apiPath + query);
    }
}
