package dev.caravan.spend;

import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.ApiRequest;
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

    public static long micros(Price price, ApiRequest request, long defaultMaxTokens) {
        long prompt = PER_REQUEST;
        for (ScanText text : request.promptTexts().texts()) {
            prompt += text.text().getBytes(StandardCharsets.UTF_8).length + PER_MESSAGE;
        }
        return PriceTable.worstCaseMicros(price, prompt, request.maxOutputTokens(defaultMaxTokens));
    }
}
