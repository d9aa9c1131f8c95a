package dev.caravan.routing;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The upstreams whose URL the request's headers complete: an Azure OpenAI deployment ({@code azure}, keyed with
 * {@code api-key}) and Vertex AI's OpenAI-compatible endpoint ({@code vertex}, the client's access token as bearer).
 * An operator's {@code upstreams} entry of that name replaces the provider's host (a proxy in front of it, or a test).
 */
public final class DeploymentUpstreams {
    public static final String AZURE = "azure";
    public static final String VERTEX = "vertex";

    private static final Pattern AZURE_RESOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern GCP_PROJECT = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,62}");
    private static final Pattern GCP_LOCATION = Pattern.compile("[a-z0-9-]{1,32}");

    private DeploymentUpstreams() {}

    /** A request header an upstream needs is missing or malformed; the message names it. */
    public static final class HeaderException extends Exception {
        public HeaderException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The upstream {@code name} stands for, completed by the request's headers; empty when the name is neither.
     * {@code configured} is the operator's upstream of that name, if any.
     */
    public static Optional<Upstream> select(
            String name, Function<String, String> headers, Optional<Upstream> configured) throws HeaderException {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (lower.equals(AZURE)) {
            return Optional.of(azure(headers, configured));
        }
        if (lower.equals(VERTEX)) {
            return Optional.of(vertex(headers, configured));
        }
        return Optional.empty();
    }

    private static Upstream azure(Function<String, String> headers, Optional<Upstream> configured)
            throws HeaderException {
        String resource = header(headers, "X-Caravan-Azure-Resource", AZURE_RESOURCE);
        String deployment = header(headers, "X-Caravan-Azure-Deployment", NAME);
        String version = header(headers, "X-Caravan-Azure-Api-Version", NAME);
        String host = configured.map(u -> u.baseUri().toString()).orElse("https://" + resource + ".openai.azure.com");
        return new Upstream(
                AZURE,
                URI.create(host + "/openai/deployments/" + deployment),
                configured.flatMap(Upstream::storedCredential),
                false,
                false,
                "?api-version=" + version,
                "api-key");
    }

    private static Upstream vertex(Function<String, String> headers, Optional<Upstream> configured)
            throws HeaderException {
        String project = header(headers, "X-Caravan-GCP-Project", GCP_PROJECT);
        String location = header(headers, "X-Caravan-GCP-Location", GCP_LOCATION);
        String host = configured
                .map(u -> u.baseUri().toString())
                .orElse(
                        location.equals("global")
                                ? "https://aiplatform.googleapis.com"
                                : "https://" + location + "-aiplatform.googleapis.com");
        return new Upstream(
                VERTEX,
                URI.create(host + "/v1/projects/" + project + "/locations/" + location + "/endpoints/openapi"),
                configured.flatMap(Upstream::storedCredential),
                false,
                false,
                "",
                null);
    }

    private static String header(Function<String, String> headers, String name, Pattern allowed)
            throws HeaderException {
        String value = headers.apply(name);
        if (value == null || value.isBlank()) {
            throw new HeaderException("this upstream needs the " + name + " header");
        }
        String trimmed = value.trim();
        if (!allowed.matcher(trimmed).matches()) {
            throw new HeaderException(name + " is not a valid value");
        }
        return trimmed;
    }
}
