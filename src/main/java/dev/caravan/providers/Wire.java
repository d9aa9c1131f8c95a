package dev.caravan.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.IngressApi;
import dev.caravan.call.Usage;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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
    default String presentedKey(UnaryOperator<String> header) {
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

    /** The upstream a call goes to when {@code X-Caravan-Upstream} names none. */
    default String defaultUpstream() {
        return "openai";
    }
}
