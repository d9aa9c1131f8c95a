package dev.caravan.providers;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;

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
     * The event that announces the call's receipt just before the terminal event; by default the SSE comment line
     * {@code : caravan-receipt <node>:<seq> <decision-id>}.
     */
    default byte[] receiptEvent(String receipt, String decisionId) {
        return (": caravan-receipt " + receipt + " " + decisionId + "\n\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The usage of a stream that never reported one: the tokens of what it emitted, counted by the gateway. */
    default Usage estimatedUsage(byte[] emitted, long promptTokens) {
        return dev.caravan.providers.openai.StreamTokens.estimate(emitted, promptTokens);
    }
}
