package dev.caravan.providers.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.caravan.providers.JsonBody;
import java.io.IOException;

/**
 * The common stream event, read without building a tree: one choice whose delta carries content text (and perhaps
 * its role) and nothing else, with no finish reason and no log-probabilities. Knows where the content's JSON string
 * sits in the event's bytes, so a rewritten text can be spliced in.
 */
record ContentDelta(int index, String text, boolean hasRole, int valueStart, int valueEnd) {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The event read as a content delta, or null when it is anything else (which the general path handles). */
    static ContentDelta of(byte[] b, int start, int end) {
        int json = ChatStreamTap.singleDataLine(b, start, end);
        if (json < 0) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(b, json, end - json)) {
            Reader reader = new Reader(p, json);
            return p.nextToken() == JsonToken.START_OBJECT && reader.root() ? reader.result() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The event with the content replaced by {@code text}. */
    byte[] splice(byte[] b, int start, int end, String replacement) {
        return JsonBody.splice(b, start, end, valueStart, valueEnd, replacement);
    }

    /** Walks the event once; any field that is not part of a plain content delta makes it give up. */
    private static final class Reader {
        private final JsonParser p;
        private final int base;
        private int choices;
        private int index;
        private String text;
        private boolean role;
        private int valueStart;
        private int valueEnd;

        Reader(JsonParser p, int base) {
            this.p = p;
            this.base = base;
        }

        ContentDelta result() {
            return choices == 1 && text != null && (!text.isEmpty() || role)
                    ? new ContentDelta(index, text, role, valueStart, valueEnd)
                    : null;
        }

        boolean root() throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("choices")) {
                    if (value != JsonToken.START_ARRAY || !choiceList()) {
                        return false;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return true;
        }

        private boolean choiceList() throws IOException {
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT || ++choices > 1 || !choice()) {
                    return false;
                }
            }
            return true;
        }

        private boolean choice() throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "index" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            return false;
                        }
                        index = p.getIntValue();
                    }
                    case "delta" -> {
                        if (value != JsonToken.START_OBJECT || !delta()) {
                            return false;
                        }
                    }
                    case "finish_reason", "logprobs" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            return false;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return true;
        }

        private boolean delta() throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("content") && value == JsonToken.VALUE_STRING) {
                    valueStart = base + (int) p.currentTokenLocation().getByteOffset();
                    text = p.getText();
                    valueEnd = base + (int) p.currentLocation().getByteOffset();
                } else if (name.equals("role") && value == JsonToken.VALUE_STRING) {
                    role = true;
                } else if (!(name.equals("refusal") && value == JsonToken.VALUE_NULL)) {
                    return false;
                }
            }
            return true;
        }
    }
}
