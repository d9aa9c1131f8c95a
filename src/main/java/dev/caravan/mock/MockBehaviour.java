package dev.caravan.mock;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The knobs a caller sets through the model field, as in {@code mock?status=503&delay_ms=200}; {@code reply} answers a
 * fixed text instead of the echo, {@code leak=secret|card|email} an answer leaking a value made up for the call.
 */
record MockBehaviour(
        String model,
        int status,
        String redirectTo,
        long delayMs,
        int chunks,
        long chunkDelayMs,
        int cutAfter,
        String reply) {

    static final int NO_STATUS = 0;
    static final int NO_CUT = -1;
    private static final int DEFAULT_CHUNKS = 5;
    private static final int MAX_COUNT = 100_000;
    private static final int MAX_DELAY_MS = 600_000;

    /**
     * Reads the model field; knob values are URL-decoded, so a {@code redirect_to} URL holding
     * {@code &} must be percent-encoded.
     *
     * @throws IllegalArgumentException for an unknown knob or a value out of range, so a typo in a
     *     test fails loudly instead of silently answering the happy path
     */
    static MockBehaviour parse(String modelField) {
        int query = modelField.indexOf('?');
        String model = query < 0 ? modelField : modelField.substring(0, query);
        int status = NO_STATUS;
        String redirectTo = null;
        long delayMs = 0;
        int chunks = DEFAULT_CHUNKS;
        long chunkDelayMs = 0;
        int cutAfter = NO_CUT;
        String reply = null;
        String knobs = query < 0 ? "" : modelField.substring(query + 1);
        for (String pair : knobs.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "status" -> status = number(name, value, 400, 599);
                case "redirect_to" -> redirectTo = value;
                case "delay_ms" -> delayMs = number(name, value, 0, MAX_DELAY_MS);
                case "chunks" -> chunks = number(name, value, 1, MAX_COUNT);
                case "chunk_delay_ms" -> chunkDelayMs = number(name, value, 0, MAX_DELAY_MS);
                case "cut_after" -> cutAfter = number(name, value, 0, MAX_COUNT);
                case "reply" -> reply = value;
                case "leak" -> reply = Leaks.reply(value);
                default -> throw new IllegalArgumentException("unknown mock knob '" + name + "'");
            }
        }
        return new MockBehaviour(model, status, redirectTo, delayMs, chunks, chunkDelayMs, cutAfter, reply);
    }

    boolean fails() {
        return status != NO_STATUS;
    }

    boolean redirects() {
        return redirectTo != null;
    }

    boolean cuts() {
        return cutAfter != NO_CUT;
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the message that names the knob
        }
        throw new IllegalArgumentException(
                "mock knob '" + name + "' needs a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
}
