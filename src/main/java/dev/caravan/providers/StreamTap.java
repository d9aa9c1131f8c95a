package dev.caravan.providers;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.providers.openai.StreamTokens;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The per-stream state of one relay in one event format: cuts the upstream's bytes at event boundaries, governs the
 * events (redacting incrementally), reads the usage, and knows the format's terminal and error events.
 */
public interface StreamTap {
    /** Takes bytes read from upstream and returns the complete events to pass on (possibly none). */
    byte[] feed(byte[] buf, int off, int len);

    /** At the upstream's end: what followed the last complete event and any text a governed stream still held. */
    byte[] remainder();

    /** True once the gateway's policy ended the stream. */
    boolean ended();

    /** The usage the upstream reported, or null. */
    Usage usage();

    /** Whether the upstream ended the stream properly (its terminal event arrived). */
    boolean done();

    /** The terminal event, held back so that the receipt line can go just before it; made up if none came. */
    byte[] doneEvent();

    /** The event that ends a stream cut after its first byte, as the format's official SDKs raise it. */
    byte[] errorEvent(ApiError cut, String message);

    /** Writes what the stream's governance saw (signals, redactions, verdict) into the call's record. */
    void recordInto(CallRecord record);

    /**
     * The usage of a stream that never reported its own (cut, or ended by the gateway), counted over the events it
     * emitted; {@code promptTokens} is the gateway's count of the prompt. By default the Chat Completions format.
     */
    default Usage estimate(byte[] emittedEvents, long promptTokens) {
        return StreamTokens.estimate(emittedEvents, promptTokens);
    }

    /** Writes what a stream's guard saw (verdict, signals, risk, redaction counts, time) into the call's record. */
    static void recordGuard(StreamGuard guard, CallRecord record) {
        Outcome outcome = guard.outcome();
        record.guarded(
                false,
                outcome.verdict(),
                outcome.signals().stream().map(Category::id).toList(),
                outcome.risk(),
                outcome.redactions().entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().id(), Map.Entry::getValue)),
                outcome.failedOpen(),
                guard.micros());
    }
}
