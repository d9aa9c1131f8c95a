package dev.caravan.http;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Sha256;
import dev.caravan.errors.ApiError;
import dev.caravan.providers.StreamTap;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.receipts.ReceiptChain;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Pumps one upstream event stream to the client as it arrives, on a worker thread; at its end it signs the call's
 * receipt, announces it in a comment line just before the terminal event, and closes the call. A stream that ended
 * cleanly can be handed, events and terminal event, to the response cache; a stream without a usage chunk (cut by the
 * client or the upstream) is billed for the tokens it emitted, counted by the gateway and marked estimated.
 */
public final class SseRelay implements Runnable {
    /** The longest stream kept for the response cache and for counting the tokens of a cut one. */
    private static final int MAX_KEPT_BYTES = 1024 * 1024;

    /**
     * What the relay does as the stream ends, before the receipt is signed: {@code keep} (may be null) takes a
     * cleanly ended stream for the response cache; {@code promptTokens} counts the prompt when the upstream never
     * reported usage; {@code meter} prices the call.
     */
    public record Hooks(
            java.util.function.Consumer<byte[]> keep,
            java.util.function.LongSupplier promptTokens,
            java.util.function.Consumer<CallRecord> meter) {}

    private static final String CUT_MESSAGE = "the upstream ended the stream before it was complete";

    private final UpstreamExchange upstream;
    private final StreamTap tap;
    private final StreamingResponse client;
    private final CallRecord record;
    private final CallLedger ledger;
    private final CallReceipts receipts;
    private final MessageDigest emitted = Sha256.digest();
    private final Hooks hooks;
    private java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
    private RuntimeException awaitedFailure;

    public SseRelay(
            UpstreamExchange upstream,
            StreamTap tap,
            StreamingResponse client,
            CallRecord record,
            CallLedger ledger,
            CallReceipts receipts,
            Hooks hooks) {
        this.hooks = hooks;
        this.upstream = upstream;
        this.tap = tap;
        this.client = client;
        this.record = record;
        this.ledger = ledger;
        this.receipts = receipts;
    }

    /**
     * Relays the events already read while the call awaited its first one, on the caller's thread: they are queued
     * before the response is written, so they leave with its headers instead of waiting for the relay worker.
     */
    public void relayAwaited() {
        byte[] awaited = upstream.takeAwaited();
        try {
            if (awaited.length > 0) {
                relayed(awaited, awaited.length);
            }
        } catch (RuntimeException e) {
            awaitedFailure = e; // the relay worker ends the stream as it would for a failure of its own
        }
    }

    @Override
    public void run() {
        ApiError cut = null;
        String cutMessage = CUT_MESSAGE;
        try (InputStream in = upstream.openStream()) {
            if (awaitedFailure != null) {
                throw awaitedFailure;
            }
            byte[] buf = new byte[16 * 1024];
            boolean more = !client.isClosed() && !tap.ended();
            for (int n = more ? in.read(buf) : -1; n != -1; n = in.read(buf)) {
                if (!relayed(buf, n)) {
                    break;
                }
            }
            if (!client.isClosed() && !tap.ended()) {
                emit(tap.remainder());
                cut = tap.done() ? null : ApiError.UPSTREAM_STREAM_FAILED;
            }
        } catch (IOException | RuntimeException e) {
            if (!client.isClosed()) {
                boolean timedOut =
                        UpstreamClient.failure(e, upstream.expired(), false).error() == ApiError.UPSTREAM_TIMEOUT;
                cut = timedOut ? ApiError.UPSTREAM_TIMEOUT : ApiError.UPSTREAM_STREAM_FAILED;
                cutMessage = timedOut ? "the upstream stopped sending within the read timeout" : CUT_MESSAGE;
            }
        } finally {
            finish(cut, cutMessage);
        }
    }

    /** Feeds {@code n} bytes through the tap and emits what it releases; false once the client or the tap ended. */
    private boolean relayed(byte[] buf, int n) {
        byte[] events = tap.feed(buf, 0, n);
        if (events.length > 0) {
            record.firstToken(System.nanoTime());
            if (!emit(events)) {
                return false;
            }
        }
        return !tap.ended();
    }

    private boolean emit(byte[] bytes) {
        emitted.update(bytes);
        if (kept != null) {
            kept.writeBytes(bytes);
            if (kept.size() > MAX_KEPT_BYTES) {
                kept = null; // too long to cache or to count
            }
        }
        return client.offer(bytes);
    }

    /** Signs the receipt over what was emitted, then sends the receipt line and the terminal event. */
    private void finish(ApiError cut, String cutMessage) {
        boolean clientGone = client.isClosed();
        if (cut == null && !clientGone && !tap.ended()) {
            upstream.release();
        } else {
            upstream.abort(); // a cut, a client gone, or a stream the policy ended: nothing more is read
        }
        String outcome = cut != null ? cut.openAiCode() : clientGone ? "client_disconnected" : null;
        tap.recordInto(record);
        record.responseHashed(HexFormat.of().formatHex(emitted.digest()));
        record.completed(200, tap.usage(), cut != null || clientGone, outcome, System.nanoTime());
        if (tap.usage() == null && kept != null && kept.size() > 0) {
            record.usageEstimated(
                    tap.estimatedUsage(kept.toByteArray(), hooks.promptTokens().getAsLong()));
        }
        hooks.meter().accept(record);
        ReceiptChain.Issued receipt = receipts.issue(record);
        if (cut == null && !clientGone && !tap.ended() && kept != null && hooks.keep() != null) {
            kept.writeBytes(tap.doneEvent());
            hooks.keep().accept(kept.toByteArray());
        }
        if (!clientGone) {
            client.offer(tap.receiptEvent(receipt.header(), receipt.decisionId()));
            client.offer(cut == null ? tap.doneEvent() : tap.errorEvent(cut, cutMessage));
        }
        client.finish();
        ledger.closed(record);
    }
}
