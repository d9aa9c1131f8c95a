package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.providers.ApiRequest;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.StreamTap;

/** OpenAI Responses as an ingress: {@code POST /v1/responses}, plain and streamed with typed events. */
public final class ResponsesWire extends OpenAiWire {
    public static final ResponsesWire INSTANCE = new ResponsesWire();

    private ResponsesWire() {}

    @Override
    public String path() {
        return "/v1/responses";
    }

    @Override
    public ApiRequest parse(byte[] body) {
        return ResponsesRequest.parse(body);
    }

    @Override
    public String upstreamPath() {
        return "/responses";
    }

    @Override
    public GuardTexts answerTexts(ObjectNode answer) {
        return ResponsesTexts.ofResponse(answer);
    }

    @Override
    public void withhold(ObjectNode answer, GuardTexts texts, Outcome outcome) {
        ResponsesVerdicts.withhold(answer, texts, outcome);
    }

    @Override
    public Usage usage(JsonNode answer) {
        return ResponsesUsage.of(answer);
    }

    @Override
    public StreamTap tap(ApiRequest request, StreamGuard guard) {
        return new ResponsesStreamTap(guard == null ? null : new ResponsesStreamGovernor(guard));
    }
}
