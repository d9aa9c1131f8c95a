package dev.caravan.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds one signed log line: the payload's JCS bytes, their Ed25519 signature and the key id. */
final class ReceiptLine {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ReceiptLine() {}

    /** The payload object: the chain fields, then the caller's facts. */
    static Map<String, Object> payload(
            String node, long seq, String prev, long epochMillis, Map<String, Object> facts) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("v", VERSION);
        payload.put("node", node);
        payload.put("seq", seq);
        payload.put("prev", prev);
        payload.put("ts", RFC_3339_MILLIS.format(Instant.ofEpochMilli(epochMillis)));
        payload.putAll(facts);
        return payload;
    }

    /** The line's bytes without the newline; the payload is written in its canonical form, which is what was signed. */
    static byte[] sign(Map<String, Object> payload, ReceiptKey key) {
        byte[] canonical;
        try {
            canonical = Canonical.utf8(JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("receipt payload is not serializable", e);
        }
        String tail = ",\"signature\":\"" + Base64Url.encode(key.sign(canonical)) + "\",\"kid\":\"" + key.kid() + "\"}";
        ByteArrayOutputStream line = new ByteArrayOutputStream(canonical.length + 160);
        line.writeBytes("{\"payload\":".getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(canonical);
        line.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return line.toByteArray();
    }
}
