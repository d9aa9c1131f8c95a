package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.StreamTap;

/** OpenAI Chat Completions as an ingress: {@code POST /v1/chat/completions}, plain and streamed. */
public final class ChatWire extends OpenAiWire {
    public static final ChatWire INSTANCE = new ChatWire();

    private ChatWire() {}

    @Override
    public boolean reachesDeployments() {
        return true;
    }

    @Override
    public String path() {
        return "/v1/chat/completions";
    }

    @Override
    public ApiRequest parse(byte[] body) {
        return ChatRequest.parse(body);
    }

    @Override
    public String upstreamPath() {
        return "/chat/completions";
    }

    @Override
    public GuardTexts answerTexts(ObjectNode answer) {
        return ChatTexts.ofCompletion(answer);
    }

    @Override
    public void withhold(ObjectNode answer, GuardTexts texts, Outcome outcome) {
        ChatCompletionVerdicts.withhold(answer, texts, outcome);
    }

    @Override
    public Usage usage(JsonNode answer) {
        return ChatUsage.of(answer);
    }

    @Override
    public StreamTap tap(ApiRequest request, StreamGuard guard) {
        ChatRequest chat = (ChatRequest) request;
        return new ChatStreamTap(
                chat.usageInjected(),
                guard == null
                        ? null
                        : new ChatStreamGovernor(guard, chat.json().path("n").asInt(1)));
    }
}
