package dev.caravan.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import java.io.IOException;

/** Reads a request body as one JSON object, writes a tree back, and splices a string into an event's JSON bytes. */
public final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {}

    /** The body as a JSON object; anything else is a 400 the caller sees in its API's shape. */
    public static ObjectNode object(byte[] raw) {
        JsonNode root;
        try {
            root = raw == null || raw.length == 0 ? null : JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw invalid("the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw invalid("the request body could not be read");
        }
        if (!(root instanceof ObjectNode body)) {
            throw invalid("the request body must be a JSON object");
        }
        return body;
    }

    public static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    /** {@code body} (the bytes of {@code json}) as sent for {@code model}, or a copy naming {@code targetModel}. */
    public static byte[] forModel(ObjectNode json, byte[] body, String model, String targetModel) {
        if (targetModel.equals(model)) {
            return body;
        }
        ObjectNode copy = json.deepCopy();
        copy.put("model", targetModel);
        return bytes(copy);
    }

    /** A 400 for a body the gateway cannot work with. */
    public static GatewayException invalid(String message) {
        return new GatewayException(ApiError.INVALID_JSON, message);
    }

    /**
     * The bytes {@code [start, end)} with the JSON string at {@code [valueStart, valueEnd)} (quotes included) replaced
     * by {@code replacement}.
     */
    public static byte[] splice(byte[] b, int start, int end, int valueStart, int valueEnd, String replacement) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(replacement);
        byte[] out = new byte[(valueStart - start) + quoted.length + 2 + (end - valueEnd)];
        int at = valueStart - start;
        System.arraycopy(b, start, out, 0, at);
        out[at++] = '"';
        System.arraycopy(quoted, 0, out, at, quoted.length);
        at += quoted.length;
        out[at++] = '"';
        System.arraycopy(b, valueEnd, out, at, end - valueEnd);
        return out;
    }
}
