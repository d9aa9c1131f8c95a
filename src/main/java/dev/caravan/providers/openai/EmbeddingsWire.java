package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.BoundTexts;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.StreamTap;

/**
 * OpenAI Embeddings as an ingress: {@code POST /v1/embeddings}. The inputs are guarded like a prompt; an answer is
 * vectors, with no text for the completion guardrails, and usage of prompt tokens only; there is no stream.
 */
public final class EmbeddingsWire extends OpenAiWire {
    public static final EmbeddingsWire INSTANCE = new EmbeddingsWire();

    private EmbeddingsWire() {}

    @Override
    public boolean reachesDeployments() {
        return true;
    }

    @Override
    public String path() {
        return "/v1/embeddings";
    }

    @Override
    public ApiRequest parse(byte[] body) {
        return EmbeddingsRequest.parse(body);
    }

    @Override
    public String upstreamPath() {
        return "/embeddings";
    }

    /** Vectors carry no text. */
    @Override
    public GuardTexts answerTexts(ObjectNode answer) {
        return new BoundTexts();
    }

    /** Nothing to withhold: an answer without texts is never denied. */
    @Override
    public void withhold(ObjectNode answer, GuardTexts texts, Outcome outcome) {}

    /** {@code usage.prompt_tokens} and {@code total_tokens}; an embedding has no completion tokens. */
    @Override
    public Usage usage(JsonNode answer) {
        JsonNode usage = answer.path("usage");
        if (!usage.isObject()) {
            return null;
        }
        long prompt = usage.path("prompt_tokens").asLong(0);
        return new Usage(prompt, 0, usage.path("total_tokens").asLong(prompt), 0, 0);
    }

    /** Never asked for: a request that asks to stream is refused when parsed. */
    @Override
    public StreamTap tap(ApiRequest request, StreamGuard guard) {
        throw new IllegalStateException("embeddings are not streamed");
    }
}
