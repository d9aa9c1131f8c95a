package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatShapes;
import dev.caravan.providers.ChatStreamTranslator;

/**
 * Turns the events {@link ConverseFrames} cut from one ConverseStream into Chat Completions chunks, always with the
 * usage chunk (so the call is metered), and {@code data: [DONE]} once the message stopped.
 */
final class ConverseStream implements ChatStreamTranslator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOTHING = new byte[0];

    private final ConverseChunks chunks;

    ConverseStream(String model, long created) {
        this.chunks = new ConverseChunks("chatcmpl-bedrock-" + created, model, created, true);
    }

    @Override
    public byte[] event(String type, String data) {
        String name = type == null ? "" : type;
        ObjectNode payload = ChatShapes.parse(data) instanceof ObjectNode o ? o : JSON.createObjectNode();
        ConverseEvent event;
        if (name.startsWith(ConverseFrames.EXCEPTION)) {
            event = ConverseEvent.exception(name.substring(ConverseFrames.EXCEPTION.length()), payload);
        } else if (name.startsWith(ConverseFrames.ERROR)) {
            event = new ConverseEvent(ConverseEvent.Kind.ERROR, name.substring(ConverseFrames.ERROR.length()), payload);
        } else {
            event = ConverseEvent.event(name, payload);
        }
        return chunks.translate(event);
    }

    @Override
    public byte[] end() {
        return chunks.stopped() ? ConverseChunks.done() : NOTHING;
    }
}
