package dev.caravan.routing;

import java.net.URI;
import java.util.Optional;

/**
 * Where a call goes: a base URL (exactly what the ingress's SDK takes) and, for named upstreams only, the
 * credential stored for that host.
 */
public record Upstream(
        String name, URI baseUri, Optional<Secret> storedCredential, boolean keyless, boolean clientChosen) {

    /** The full URL of an API path below the base URL, e.g. {@code /chat/completions}. */
    public URI resolve(String apiPath) {
        return URI.create(baseUri.toString() + apiPath);
    }
}
