package dev.caravan.providers;

import java.nio.charset.StandardCharsets;

/** Finds the parts of server-sent events in a byte buffer without copying: where an event ends, its name, its data. */
public final class SseEvents {
    private SseEvents() {}

    /** The index just past the blank line that ends the event starting at {@code from}, or -1. */
    public static int eventEnd(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '\n') {
                if (b[i + 1] == '\n') {
                    return i + 2;
                }
                if (b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** The value of the event's leading {@code event:} line, or null when it has none. */
    public static String name(byte[] b, int start, int end) {
        if (!startsWith(b, start, end, "event:")) {
            return null;
        }
        int from = start + 6;
        while (from < end && b[from] == ' ') {
            from++;
        }
        int to = lineEnd(b, from, end);
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * Where the data starts when the event is one {@code data:} line, after an optional {@code event:} line; -1 for
     * any other shape (several data lines, comments, ids), which callers read the slow way.
     */
    public static int singleDataLine(byte[] b, int start, int end) {
        int line = start;
        if (startsWith(b, line, end, "event:")) {
            line = lineEnd(b, line, end);
            line += line < end && b[line] == '\r' ? 1 : 0;
            line += line < end && b[line] == '\n' ? 1 : 0;
        }
        if (!startsWith(b, line, end, "data:")) {
            return -1;
        }
        int body = line + 5 < end && b[line + 5] == ' ' ? line + 6 : line + 5;
        int stop = lineEnd(b, body, end);
        for (int j = stop; j < end; j++) {
            if (b[j] != '\n' && b[j] != '\r') {
                return -1;
            }
        }
        return body;
    }

    /** The data of an event: its {@code data:} lines joined by newlines (null when it has none). */
    public static String data(byte[] b, int start, int end) {
        StringBuilder data = null;
        for (String line : new String(b, start, end - start, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            }
        }
        return data == null ? null : data.toString();
    }

    private static int lineEnd(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int at, int end, String prefix) {
        if (end - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
