package dev.caravan.providers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a server-sent-events byte stream into whole events (their {@code event:} name and joined {@code data:}
 * lines), bytes as they arrive; comment lines and events without data are skipped. The per-stream state of a reader.
 */
public final class SseReader implements NativeEvents {
    /** One event: its type (null when unnamed) and its data. */
    public record Event(String type, String data) {}

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    @Override
    public List<Event> feed(byte[] buf, int off, int len) {
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        List<Event> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] != '\n') {
                continue;
            }
            int next = i + 1;
            if (next < all.length && all[next] == '\r') {
                next++;
            }
            if (next < all.length && all[next] == '\n') {
                Event event = parse(all, start, i);
                if (event != null) {
                    events.add(event);
                }
                start = next + 1;
                i = next;
            }
        }
        pending.reset();
        pending.write(all, start, all.length - start);
        return events;
    }

    private static Event parse(byte[] b, int start, int end) {
        String type = null;
        StringBuilder data = null;
        for (String line : new String(b, start, end - start, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            } else if (line.startsWith("event:")) {
                type = line.substring(line.startsWith("event: ") ? 7 : 6).strip();
            }
        }
        return data == null ? null : new Event(type, data.toString());
    }
}
