package dev.caravan.http;

import dev.caravan.call.CallLedger;
import dev.caravan.call.CallRecord;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.providers.openai.ChatStreamTap;
import java.io.IOException;
import java.io.InputStream;

/** Pumps one upstream event stream to the client as it arrives, on a worker thread, and closes the call at its end. */
public final class SseRelay implements Runnable {
    private static final String CUT_MESSAGE = "the upstream ended the stream before it was complete";

    private final UpstreamExchange upstream;
    private final ChatStreamTap tap;
    private final StreamingResponse client;
    private final CallRecord record;
    private final CallLedger ledger;

    public SseRelay(
            UpstreamExchange upstream,
            ChatStreamTap tap,
            StreamingResponse client,
            CallRecord record,
            CallLedger ledger) {
        this.upstream = upstream;
        this.tap = tap;
        this.client = client;
        this.record = record;
        this.ledger = ledger;
    }

    @Override
    public void run() {
        String error = null;
        try (InputStream in = upstream.openStream()) {
            byte[] buf = new byte[16 * 1024];
            for (int n = in.read(buf); n != -1; n = in.read(buf)) {
                byte[] events = tap.feed(buf, 0, n);
                if (events.length > 0) {
                    record.firstToken(System.nanoTime());
                    if (!client.offer(events)) {
                        break;
                    }
                }
            }
            if (!client.isClosed()) {
                client.offer(tap.remainder());
                if (!tap.done()) {
                    error = cut(ApiError.UPSTREAM_STREAM_FAILED, CUT_MESSAGE);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!client.isClosed()) {
                GatewayException failure = UpstreamClient.failure(e, upstream.expired(), false);
                error = failure.error() == ApiError.UPSTREAM_TIMEOUT
                        ? cut(ApiError.UPSTREAM_TIMEOUT, "the upstream stopped sending within the read timeout")
                        : cut(ApiError.UPSTREAM_STREAM_FAILED, CUT_MESSAGE);
            }
        } finally {
            finish(error);
        }
    }

    private String cut(ApiError kind, String message) {
        client.offer(ChatStreamTap.errorEvent(kind.openAiType(), kind.openAiCode(), message));
        return kind.openAiCode();
    }

    private void finish(String error) {
        boolean clientGone = client.isClosed();
        if (error == null && !clientGone) {
            upstream.release();
        } else {
            upstream.abort();
        }
        client.finish();
        String outcome = error != null ? error : clientGone ? "client_disconnected" : null;
        record.completed(200, tap.usage(), error != null || clientGone, outcome, System.nanoTime());
        ledger.closed(record);
    }
}
