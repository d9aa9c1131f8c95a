package dev.caravan.http;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Sha256;
import dev.caravan.errors.ApiError;
import dev.caravan.providers.StreamTap;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.receipts.ReceiptChain;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Relays one upstream event stream to the client as it arrives, on the event loop that reads it: it writes the
 * response head with the first events, passes every later read through the tap, and pauses the upstream while the
 * client lags. At its end it signs the call's receipt, announces it in a comment line just before the terminal event,
 * and closes the call. A stream that ended cleanly can be handed, events and terminal event, to the response cache; a
 * stream without a usage chunk (cut by the client or the upstream) is billed for the tokens it emitted, counted by the
 * gateway and marked estimated.
 */
public final class SseRelay implements StreamSink {

    /** The longest stream kept for the response cache and for counting the tokens of a cut one. */
    private static final int MAX_KEPT_BYTES = 1024 * 1024;

    /**
     * What the relay does as the stream ends, before the receipt is signed: {@code keep} (may be null) takes a
     * cleanly ended stream for the response cache; {@code promptTokens} counts the prompt when the upstream never
     * reported usage; {@code meter} prices the call; {@code ending} runs the signing of the receipt and the end of the
     * stream (on a worker when signing waits for the disk, which an event loop must not).
     */
    public record Hooks(
            java.util.function.Consumer<byte[]> keep,
            java.util.function.LongSupplier promptTokens,
            java.util.function.Consumer<CallRecord> meter,
            java.util.concurrent.Executor ending) {}

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
    private boolean finished;

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
     * Starts the stream: the first events are queued, then the response is written with them at once; returns the
     * route's answer for the call, a stand-in that the connection drops (see {@link StreamingResponse#writeNow()}).
     */
    public io.netty.handler.codec.http.HttpResponse start(byte[] firstEvents) {
        boolean more;
        RuntimeException failed = null;
        try {
            more = relayed(firstEvents, firstEvents.length);
        } catch (RuntimeException e) {
            more = false;
            failed = e;
        }
        io.netty.handler.codec.http.HttpResponse standIn = client.writeNow();
        if (failed != null) {
            finish(ApiError.UPSTREAM_STREAM_FAILED, CUT_MESSAGE);
        } else if (!more) {
            finish(null, CUT_MESSAGE); // the client left, or the policy ended the stream
        }
        return standIn;
    }

    @Override
    public void onBytes(byte[] bytes) {
        if (finished) {
            return;
        }
        try {
            if (!relayed(bytes, bytes.length)) {
                finish(null, CUT_MESSAGE);
            } else if (client.lagging(upstream::resume)) {
                upstream.pause();
            }
        } catch (RuntimeException e) {
            finish(ApiError.UPSTREAM_STREAM_FAILED, CUT_MESSAGE);
        }
    }

    @Override
    public void onEnd() {
        if (finished) {
            return;
        }
        ApiError cut = null;
        try {
            if (!client.isClosed() && !tap.ended()) {
                emit(tap.remainder());
                cut = tap.done() ? null : ApiError.UPSTREAM_STREAM_FAILED;
            }
        } catch (RuntimeException e) {
            cut = ApiError.UPSTREAM_STREAM_FAILED;
        }
        finish(cut, CUT_MESSAGE);
    }

    @Override
    public void onFailure(boolean timedOut) {
        if (finished) {
            return;
        }
        if (client.isClosed()) {
            finish(null, CUT_MESSAGE);
        } else if (timedOut) {
            finish(ApiError.UPSTREAM_TIMEOUT, "the upstream stopped sending within the read timeout");
        } else {
            finish(ApiError.UPSTREAM_STREAM_FAILED, CUT_MESSAGE);
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
        if (finished) {
            return;
        }
        finished = true;
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
        hooks.ending().execute(() -> signAndEnd(cut, cutMessage, clientGone));
    }

    /** Signs the receipt, keeps a clean stream for the cache, and sends the receipt line and the terminal event. */
    private void signAndEnd(ApiError cut, String cutMessage, boolean clientGone) {
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
