package dev.caravan.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** One log line read as a receipt: its signed parts, or the reason it is not one. */
record LineCheck(String reason, JsonNode payload, String signature, String kid, long seq, String prev) {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    static LineCheck failed(String reason) {
        return new LineCheck(reason, null, null, null, 0, null);
    }

    /** Well-formedness only: the three members, and a payload with every chain field of the right type. */
    static LineCheck parse(byte[] line) {
        JsonNode root;
        try {
            root = ReceiptVerifier.STRICT.readTree(line);
        } catch (IOException e) {
            return failed("malformed");
        }
        if (root == null || !root.isObject() || root.size() != 3) {
            return failed("malformed");
        }
        JsonNode payload = root.path("payload");
        JsonNode signature = root.path("signature");
        JsonNode kid = root.path("kid");
        if (!payload.isObject() || !signature.isTextual() || !kid.isTextual() || !wellFormed(payload)) {
            return failed("malformed");
        }
        return new LineCheck(
                null,
                payload,
                signature.asText(),
                kid.asText(),
                payload.get("seq").asLong(),
                payload.get("prev").asText());
    }

    private static boolean wellFormed(JsonNode payload) {
        JsonNode seq = payload.path("seq");
        return payload.path("v").isIntegralNumber()
                && payload.path("v").asLong() == ReceiptLine.VERSION
                && payload.path("node").isTextual()
                && seq.isIntegralNumber()
                && seq.canConvertToLong()
                && seq.asLong() >= 1
                && payload.path("prev").isTextual()
                && HEX_SHA256.matcher(payload.path("prev").asText()).matches()
                && payload.path(Facts.DECISION_ID).isTextual()
                && isTimestamp(payload.path("ts"));
    }

    private static boolean isTimestamp(JsonNode ts) {
        if (!ts.isTextual()) {
            return false;
        }
        try {
            Instant.parse(ts.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
