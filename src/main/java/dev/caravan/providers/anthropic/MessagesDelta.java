package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.caravan.providers.JsonBody;
import java.io.IOException;

/**
 * A content block event ({@code content_block_delta} or {@code content_block_stop}) read without building a tree: its
 * block index and, for a delta, the delta's type and streamed text ({@code text} or {@code partial_json}) with where
 * that JSON string sits in the event's bytes, so a rewritten text can be spliced in.
 */
record MessagesDelta(int index, String deltaType, String text, int valueStart, int valueEnd) {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The event's data read as a block event, or null when it is not one (no index, or not JSON). */
    static MessagesDelta of(byte[] b, int dataStart, int dataEnd) {
        try (JsonParser p = FACTORY.createParser(b, dataStart, dataEnd - dataStart)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Reader reader = new Reader(p, dataStart);
            reader.root();
            return reader.index < 0 ? null : reader.result();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The event with the streamed text replaced by {@code replacement}. */
    byte[] splice(byte[] b, int start, int end, String replacement) {
        return JsonBody.splice(b, start, end, valueStart, valueEnd, replacement);
    }

    /** Walks the data once, skipping whatever it does not need. */
    private static final class Reader {
        private final JsonParser p;
        private final int base;
        private int index = -1;
        private String deltaType;
        private String text;
        private int valueStart;
        private int valueEnd;

        Reader(JsonParser p, int base) {
            this.p = p;
            this.base = base;
        }

        MessagesDelta result() {
            return new MessagesDelta(index, deltaType, text, valueStart, valueEnd);
        }

        void root() throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("index") && value == JsonToken.VALUE_NUMBER_INT) {
                    index = p.getIntValue();
                } else if (name.equals("delta") && value == JsonToken.START_OBJECT) {
                    delta();
                } else {
                    p.skipChildren();
                }
            }
        }

        private void delta() throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("type")) {
                    deltaType = p.getText();
                } else if (value == JsonToken.VALUE_STRING && (name.equals("text") || name.equals("partial_json"))) {
                    valueStart = base + (int) p.currentTokenLocation().getByteOffset();
                    text = p.getText();
                    valueEnd = base + (int) p.currentLocation().getByteOffset();
                } else {
                    p.skipChildren();
                }
            }
        }
    }
}
