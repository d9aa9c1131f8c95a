package dev.caravan.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads named server-sent events ({@code event:} and {@code data:} lines) in place, without copying them. */
public final class SseEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SseEvents() {}

    /** One event: its type (the {@code event:} line, else the data's {@code "type"}; "" when neither) and its data. */
    public record Event(String type, int dataStart, int dataEnd) {}

    /** The index just past the blank line that ends the event starting at {@code from}, or -1. */
    public static int end(byte[] b, int from) {
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

    /** The event in {@code [start, end)}: its type, and where its (first) data line's value lies. */
    public static Event read(byte[] b, int start, int end) {
        String type = null;
        int dataStart = end;
        int dataEnd = end;
        for (int line = start; line < end; ) {
            int lineEnd = line;
            while (lineEnd < end && b[lineEnd] != '\n' && b[lineEnd] != '\r') {
                lineEnd++;
            }
            if (type == null && startsWith(b, line, lineEnd, "event:")) {
                type = value(b, line + 6, lineEnd);
            } else if (dataStart == end && startsWith(b, line, lineEnd, "data:")) {
                dataStart = line + 5 < lineEnd && b[line + 5] == ' ' ? line + 6 : line + 5;
                dataEnd = lineEnd;
            }
            line = lineEnd;
            while (line < end && (b[line] == '\n' || b[line] == '\r')) {
                line++;
            }
        }
        if (type == null) {
            type = typeOf(b, dataStart, dataEnd);
        }
        return new Event(type, dataStart, dataEnd);
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] b, int from, int to) {
        int at = from < to && b[from] == ' ' ? from + 1 : from;
        return new String(b, at, to - at, StandardCharsets.US_ASCII).trim();
    }

    private static String typeOf(byte[] b, int dataStart, int dataEnd) {
        try {
            JsonNode data = JSON.readTree(b, dataStart, dataEnd - dataStart);
            return data == null ? "" : data.path("type").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
