package dev.caravan.call;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** W3C trace context: keeps the caller's trace id when it sent a valid {@code traceparent}, with the gateway's own span. */
public record TraceContext(String traceId, String spanId, String flags) {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);

    /** Continues the caller's trace, or starts a new one. */
    public static TraceContext continueOrStart(String traceparent) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals(INVALID_TRACE)) {
                return new TraceContext(m.group(1), randomHex(16), m.group(3));
            }
        }
        return new TraceContext(randomHex(32), randomHex(16), "01");
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int digits) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder hex = new StringBuilder(digits);
        while (hex.length() < digits) {
            String part = Long.toHexString(random.nextLong() | Long.MIN_VALUE);
            hex.append(part, 0, Math.min(part.length(), digits - hex.length()));
        }
        return hex.toString();
    }
}
