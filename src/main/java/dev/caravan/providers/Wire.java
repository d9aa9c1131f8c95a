package dev.caravan.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.IngressApi;
import dev.caravan.call.Usage;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One client-facing API the gateway speaks (Chat Completions, Responses, Embeddings, Anthropic Messages, ...): how
 * its requests are read, where they go upstream and with which headers, how its answers are read and governed, and
 * how its streams are tapped. Every ingress runs the same governed chain with its own wire.
 */
public interface Wire {
    /** The error shape of this API. */
    IngressApi api();

    /** The path on the client side, for messages and records ({@code /v1/chat/completions}). */
    String path();

    /** Parses and checks a request body; a bad one throws a gateway exception the caller sees in its API's shape. */
    ApiRequest parse(byte[] body);

    /**
     * Parses a request of an API that also reads request headers (Bedrock: the model and the AWS credentials travel
     * in headers); by default the body alone.
     */
    default ApiRequest parse(byte[] body, Function<String, String> header) {
        return parse(body);
    }

    /** The base URL a direct call goes to when {@code X-Caravan-Upstream} names none; empty: the catalog's default. */
    default Optional<URI> defaultBase(ApiRequest request) {
        return Optional.empty();
    }

    /** The path appended to an upstream's base URL when the target serves {@code model} (Bedrock: in the path). */
    default String upstreamPath(String model) {
        return upstreamPath();
    }

    /**
     * Whether a model may name a route alias; an API whose requests only its own provider can serve (Bedrock) goes to
     * that provider, never to a route's targets.
     */
    default boolean followsAliases() {
        return true;
    }

    /** Whether each upstream request is signed with credentials the request itself carries (so no provider key). */
    default boolean signsRequests() {
        return false;
    }

    /**
     * The headers to send once the URL and body are final: a wire that signs requests signs them here (Bedrock:
     * SigV4 over these exact bytes); by default the headers unchanged.
     */
    default Map<String, String> sign(ApiRequest request, URI url, Map<String, String> headers, byte[] body) {
        return headers;
    }

    /** The path appended to an upstream's base URL. */
    String upstreamPath();

    /** Client request headers forwarded as they are (the auth header is built separately). */
    List<String> forwardedHeaders();

    /** Adds the provider key to the upstream request's headers the way this API expects it. */
    void authorize(Map<String, String> headers, String providerKey);

    /** Whether an upstream response header is passed back to the client. */
    boolean returned(String header);

    /** The texts of a successful answer that the completion guardrails read. */
    GuardTexts answerTexts(ObjectNode answer);

    /** Replaces what the completion policy denied (in the answer's texts) with this API's refusal. */
    void withhold(ObjectNode answer, GuardTexts texts, Outcome outcome);

    /** The usage a successful answer reports, or null. */
    Usage usage(JsonNode answer);

    /** A tap for one stream of this API; {@code guard} governs it, or is null when the completion phase is off. */
    StreamTap tap(ApiRequest request, StreamGuard guard);

    /**
     * The key the client sent in this API's own key header, a provider key or a gateway key ({@code cvn_…}), or null;
     * {@code header} reads a request header by name. By default {@code Authorization: Bearer …}.
     */
    default String presentedKey(Function<String, String> header) {
        String authorization = header.apply("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** This API's own key header as messages name it to the client. */
    default String keyHeader() {
        return "'Authorization: Bearer <key>'";
    }

    /**
     * The {@code api} of a route target that takes this API's requests unchanged; a target speaking another API is
     * reached through a translator, where one exists. By default OpenAI's.
     */
    default String targetApi() {
        return "openai";
    }

    /**
     * Whether an Azure OpenAI or Vertex deployment named by headers serves this API (their deployment-scoped URLs
     * serve chat completions and embeddings only). By default not.
     */
    default boolean reachesDeployments() {
        return false;
    }

    /** The upstream a call goes to when {@code X-Caravan-Upstream} names none. */
    default String defaultUpstream() {
        return "openai";
    }
}
