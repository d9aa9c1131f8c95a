package dev.caravan.spend;

import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.openai.ChatRequest;
import dev.caravan.providers.openai.ChatTexts;
import java.nio.charset.StandardCharsets;

/**
 * The most a call can cost, reserved before it goes upstream: every prompt byte counted as a token (no tokenizer makes
 * a token smaller than a byte) plus each message's framing, and the completion at {@code max_completion_tokens},
 * {@code max_tokens}, or the default cap, times the choices asked for.
 */
public final class WorstCase {
    /** Framing tokens per message and per request (role markers, separators), generously. */
    private static final long PER_MESSAGE = 8;

    private static final long PER_REQUEST = 16;

    private WorstCase() {}

    public static long micros(Price price, ChatRequest request, long defaultMaxTokens) {
        long prompt = PER_REQUEST;
        for (ScanText text : ChatTexts.ofRequest(request.json()).texts()) {
            prompt += text.text().getBytes(StandardCharsets.UTF_8).length + PER_MESSAGE;
        }
        var json = request.json();
        long maxTokens = json.path("max_completion_tokens")
                .asLong(json.path("max_tokens").asLong(defaultMaxTokens));
        long choices = Math.max(1, json.path("n").asLong(1));
        return PriceTable.worstCaseMicros(price, prompt, Math.max(0, maxTokens) * choices);
    }
}
