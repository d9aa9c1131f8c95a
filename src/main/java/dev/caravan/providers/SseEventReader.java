package dev.caravan.providers;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a server-sent-events byte stream into whole events (their {@code event:} name and joined {@code data:} lines)
 * as the bytes arrive; comment lines and events without data are skipped. The per-stream state of one reader.
 */
public final class SseEventReader implements NativeEvents {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    @Override
    public List<Event> feed(byte[] buf, int off, int len) {
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        List<Event> events = new ArrayList<>();
        int start = 0;
        for (int end = SseEvents.eventEnd(all, 0); end > 0; end = SseEvents.eventEnd(all, start)) {
            String data = SseEvents.data(all, start, end);
            if (data != null) {
                events.add(new Event(SseEvents.name(all, start, end), data));
            }
            start = end;
        }
        pending.reset();
        pending.write(all, start, all.length - start);
        return events;
    }
}
