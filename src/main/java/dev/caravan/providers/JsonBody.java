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

/** Reads and writes the JSON object body of a request, checking the fields every ingress relies on. */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {}

    /** The body as a JSON object; anything else is a 400 in the caller's API shape. */
    public static ObjectNode read(byte[] raw) {
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

    /** The required, non-empty {@code model}. */
    public static String model(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("'model' is required and must be a non-empty string");
        }
        return model.asText();
    }

    /** The optional boolean {@code stream}. */
    public static boolean stream(ObjectNode body) {
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw invalid("'stream' must be a boolean");
        }
        return stream != null && stream.asBoolean();
    }

    /** The tree serialised. */
    public static byte[] write(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    /** A copy of the tree that names another model, serialised. */
    public static byte[] withModel(ObjectNode body, String model) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", model);
        return write(copy);
    }

    /**
     * The bytes {@code [start, end)} of an event with the JSON string at {@code [valueStart, valueEnd)} (quotes
     * included) replaced by {@code replacement}: how a stream's governor rewrites one text without building a tree.
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

    public static GatewayException invalid(String message) {
        return new GatewayException(ApiError.INVALID_JSON, message);
    }
}
