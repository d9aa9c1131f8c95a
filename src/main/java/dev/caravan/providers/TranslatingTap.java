package dev.caravan.providers;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import java.util.List;

/**
 * A stream tap in front of the ingress's own: native events of a translated target are turned into the ingress's
 * events first, so governance, usage and the terminal event work as for any other stream.
 */
public final class TranslatingTap implements StreamTap {
    private final ChatStreamTranslator translator;
    private final StreamTap inner;
    private final NativeEvents events;
    private final java.io.ByteArrayOutputStream translated = new java.io.ByteArrayOutputStream();

    public TranslatingTap(NativeEvents events, ChatStreamTranslator translator, StreamTap inner) {
        this.events = events;
        this.translator = translator;
        this.inner = inner;
    }

    @Override
    public byte[] feed(byte[] buf, int off, int len) {
        List<SseReader.Event> whole = events.feed(buf, off, len);
        if (whole.isEmpty()) {
            return new byte[0];
        }
        translated.reset();
        for (SseReader.Event event : whole) {
            translated.writeBytes(translator.event(event.type(), event.data()));
        }
        byte[] bytes = translated.toByteArray();
        return inner.feed(bytes, 0, bytes.length);
    }

    /** At the native stream's end: the translator's closing events (usage, done) pass through the inner tap. */
    @Override
    public byte[] remainder() {
        byte[] end = translator.end();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(inner.feed(end, 0, end.length));
        out.writeBytes(inner.remainder());
        return out.toByteArray();
    }

    @Override
    public boolean ended() {
        return inner.ended();
    }

    @Override
    public Usage usage() {
        return inner.usage();
    }

    @Override
    public boolean done() {
        return inner.done();
    }

    @Override
    public byte[] doneEvent() {
        return inner.doneEvent();
    }

    @Override
    public byte[] errorEvent(ApiError cut, String message) {
        return inner.errorEvent(cut, message);
    }

    @Override
    public void recordInto(CallRecord record) {
        inner.recordInto(record);
    }
}
