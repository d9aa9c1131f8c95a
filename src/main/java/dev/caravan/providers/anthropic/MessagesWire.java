package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.IngressApi;
import dev.caravan.call.Usage;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.StreamTap;
import dev.caravan.providers.Wire;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Anthropic Messages as an ingress: {@code POST /anthropic/v1/messages}, plain and streamed, with the provider key (or
 * a gateway key) in {@code x-api-key} or {@code Authorization: Bearer}, and the {@code anthropic} upstream by default.
 */
public final class MessagesWire implements Wire {
    public static final MessagesWire INSTANCE = new MessagesWire();

    private MessagesWire() {}

    @Override
    public IngressApi api() {
        return IngressApi.ANTHROPIC;
    }

    @Override
    public String path() {
        return "/anthropic/v1/messages";
    }

    @Override
    public ApiRequest parse(byte[] body) {
        return MessagesRequest.parse(body);
    }

    /** Appended to the host root, which is what the Anthropic SDKs take as their base URL. */
    @Override
    public String upstreamPath() {
        return "/v1/messages";
    }

    @Override
    public List<String> forwardedHeaders() {
        return MessagesHeaders.FORWARDED;
    }

    @Override
    public void authorize(Map<String, String> headers, String providerKey) {
        MessagesHeaders.authorize(headers, providerKey);
    }

    @Override
    public boolean returned(String header) {
        return MessagesHeaders.returned(header);
    }

    @Override
    public GuardTexts answerTexts(ObjectNode answer) {
        return MessagesTexts.ofAnswer(answer);
    }

    @Override
    public void withhold(ObjectNode answer, GuardTexts texts, Outcome outcome) {
        MessagesVerdicts.withhold(answer, outcome);
    }

    @Override
    public Usage usage(JsonNode answer) {
        return MessagesUsage.of(answer);
    }

    @Override
    public StreamTap tap(ApiRequest request, StreamGuard guard) {
        return new MessagesStreamTap(guard == null ? null : new MessagesStreamGovernor(guard));
    }

    /** The key in {@code x-api-key}, else in {@code Authorization: Bearer} (the Anthropic SDKs send either). */
    @Override
    public String presentedKey(Function<String, String> header) {
        String key = header.apply("x-api-key");
        return key == null || key.isBlank() ? Wire.super.presentedKey(header) : key.trim();
    }

    @Override
    public String keyHeader() {
        return "'x-api-key: <key>' (or 'Authorization: Bearer <key>')";
    }

    /** A route target with {@code api: anthropic} takes a Messages request as it is. */
    @Override
    public String targetApi() {
        return "anthropic";
    }

    @Override
    public String defaultUpstream() {
        return "anthropic";
    }
}
