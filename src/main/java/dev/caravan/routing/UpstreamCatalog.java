package dev.caravan.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.config.CaravanFile;
import dev.caravan.config.ConfigException;
import dev.caravan.config.CredentialReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The named upstreams (bundled presets, overridden or extended by the config file) and client-chosen base URLs. */
public final class UpstreamCatalog {
    public static final String DEFAULT_OPENAI = "openai";

    private final Map<String, Upstream> named;
    private final UpstreamAddressGuard guard;

    public UpstreamCatalog(Map<String, Upstream> named, UpstreamAddressGuard guard) {
        this.named = Map.copyOf(named);
        this.guard = guard;
    }

    /** The bundled presets, with the config file's upstreams laid over them and stored credentials resolved. */
    public static UpstreamCatalog load(CaravanFile file, Map<String, String> environment, UpstreamAddressGuard guard) {
        Map<String, Upstream> named = new HashMap<>();
        JsonNode presets = readPresets();
        for (Iterator<Map.Entry<String, JsonNode>> it = presets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> preset = it.next();
            if (preset.getKey().startsWith("_")) {
                continue;
            }
            JsonNode row = preset.getValue();
            Optional<Secret> credential = Optional.ofNullable(
                            environment.get(row.path("credentialEnv").asText("")))
                    .filter(v -> !v.isBlank())
                    .map(Secret::new);
            named.put(
                    preset.getKey(),
                    new Upstream(
                            preset.getKey(),
                            URI.create(row.get("baseUrl").asText()),
                            credential,
                            row.path("keyless").asBoolean(false),
                            false));
        }
        file.upstreams().forEach((rawName, entry) -> {
            String name = rawName.toLowerCase(Locale.ROOT);
            Upstream preset = named.get(name);
            URI base = entry.baseUrl() != null
                    ? baseUrl("upstreams." + rawName + ".baseUrl", entry.baseUrl())
                    : preset != null ? preset.baseUri() : null;
            if (base == null) {
                throw new ConfigException("upstreams." + rawName + " needs a baseUrl (it is not a preset)");
            }
            Optional<Secret> credential;
            try {
                credential = CredentialReference.resolve(entry.credential(), environment)
                        .map(Secret::new);
            } catch (ConfigException e) {
                throw new ConfigException("upstreams." + rawName + ".credential: " + e.getMessage());
            }
            boolean keyless = preset != null && preset.keyless();
            named.put(
                    name,
                    new Upstream(
                            name,
                            base,
                            credential.or(() -> preset == null || entry.credential() != null
                                    ? Optional.empty()
                                    : preset.storedCredential()),
                            keyless,
                            false));
        });
        return new UpstreamCatalog(named, guard);
    }

    /**
     * The upstream that {@code X-Caravan-Upstream} names: a preset or configured name, or a client-chosen base URL
     * (checked by the SSRF guard, and never given a stored credential).
     */
    public Upstream select(String header) throws UnknownUpstreamException, UpstreamNotAllowedException {
        return select(header, DEFAULT_OPENAI);
    }

    /** As {@link #select(String)}, with {@code fallback} naming the upstream when the header names none. */
    public Upstream select(String header, String fallback)
            throws UnknownUpstreamException, UpstreamNotAllowedException {
        if (header == null || header.isBlank()) {
            return named.get(fallback);
        }
        String value = header.trim();
        if (value.contains("://")) {
            URI checked = guard.check(value);
            String where = checked.getPort() == -1 ? checked.getHost() : checked.getHost() + ":" + checked.getPort();
            return new Upstream(where, checked, Optional.empty(), false, true);
        }
        Upstream upstream = named.get(value.toLowerCase(Locale.ROOT));
        if (upstream == null) {
            throw new UnknownUpstreamException(value);
        }
        return upstream;
    }

    /**
     * The upstream a route target names: a named upstream or a base URL the operator wrote (configuration, so the
     * target's own credential may be bound to it), with the target's credential when it names one (an unset
     * variable then means no stored key, never another one), else the named upstream's stored one.
     */
    public Upstream forTarget(
            String key, String upstreamOrUrl, Optional<Secret> credential, boolean credentialWritten) {
        String value = upstreamOrUrl.trim();
        if (value.contains("://")) {
            URI base = baseUrl(key, value);
            String where = base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
            return new Upstream(where, base, credential, false, false);
        }
        Upstream named = this.named.get(value.toLowerCase(Locale.ROOT));
        if (named == null) {
            throw new ConfigException(
                    key + " names no upstream '" + value + "' (a preset, an upstreams entry or a base URL)");
        }
        return credentialWritten
                ? new Upstream(named.name(), named.baseUri(), credential, named.keyless(), false)
                : named;
    }

    /** The preset or configured upstream of this name, if any. */
    public Optional<Upstream> named(String name) {
        return Optional.ofNullable(named.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The names of the presets and configured upstreams. */
    public java.util.Set<String> names() {
        return named.keySet();
    }

    private static URI baseUrl(String key, String value) {
        try {
            URI uri = new URI(value.trim().replaceAll("/+$", ""));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(key + " must be an http(s) URL with a host");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key + " is not a URL: " + e.getReason());
        }
    }

    private static JsonNode readPresets() {
        try (InputStream in = UpstreamCatalog.class.getResourceAsStream("/upstreams.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
