package dev.caravan.providers.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.caravan.providers.SseEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Responses delta event ({@code response.output_text.delta}, {@code response.function_call_arguments.delta}) read
 * without building a tree: its type, where it belongs, its text, and where the text and the sequence number sit in
 * the event's bytes so that new values can be spliced in. Null for an event with log-probabilities to rewrite.
 */
record TextDelta(
        String type,
        int outputIndex,
        int contentIndex,
        String text,
        int textStart,
        int textEnd,
        long sequence,
        int sequenceStart,
        int sequenceEnd) {
    private static final JsonFactory FACTORY = new JsonFactory();

    static TextDelta of(byte[] b, int start, int end) {
        int json = SseEvents.singleDataLine(b, start, end);
        if (json < 0) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(b, json, end - json)) {
            return p.nextToken() == JsonToken.START_OBJECT ? read(p, json) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static TextDelta read(JsonParser p, int base) throws IOException {
        String type = null;
        String text = null;
        int output = 0;
        int content = -1;
        int textStart = -1;
        int textEnd = -1;
        long sequence = -1;
        int sequenceStart = -1;
        int sequenceEnd = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> type = p.getText();
                case "output_index" -> output = p.getIntValue();
                case "content_index" -> content = p.getIntValue();
                case "delta" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    textStart = base + (int) p.currentTokenLocation().getByteOffset();
                    text = p.getText();
                    textEnd = base + (int) p.currentLocation().getByteOffset();
                }
                case "sequence_number" -> {
                    sequenceStart = base + (int) p.currentTokenLocation().getByteOffset();
                    sequence = p.getLongValue();
                    sequenceEnd = base + (int) p.currentLocation().getByteOffset();
                }
                case "logprobs" -> {
                    if (value == JsonToken.START_ARRAY && p.nextToken() != JsonToken.END_ARRAY) {
                        return null; // log-probabilities would show held or masked text: the tree path drops them
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (type == null || text == null || sequenceStart < 0) {
            return null;
        }
        return new TextDelta(type, output, content, text, textStart, textEnd, sequence, sequenceStart, sequenceEnd);
    }

    /** The event with its text and sequence number replaced. */
    byte[] splice(byte[] b, int start, int end, String replacement, long newSequence) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(replacement);
        byte[] number = Long.toString(newSequence).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte
                [(end - start)
                        - (textEnd - textStart)
                        + quoted.length
                        + 2
                        - (sequenceEnd - sequenceStart)
                        + number.length];
        boolean textFirst = textStart < sequenceStart;
        int at = 0;
        int from = start;
        for (int round = 0; round < 2; round++) {
            boolean text = (round == 0) == textFirst;
            int cutStart = text ? textStart : sequenceStart;
            System.arraycopy(b, from, out, at, cutStart - from);
            at += cutStart - from;
            if (text) {
                out[at++] = '"';
                System.arraycopy(quoted, 0, out, at, quoted.length);
                at += quoted.length;
                out[at++] = '"';
            } else {
                System.arraycopy(number, 0, out, at, number.length);
                at += number.length;
            }
            from = text ? textEnd : sequenceEnd;
        }
        System.arraycopy(b, from, out, at, end - from);
        return out;
    }
}
