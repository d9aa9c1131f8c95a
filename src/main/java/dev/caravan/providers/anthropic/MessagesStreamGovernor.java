package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.guardrails.policy.StreamRedactor;
import dev.caravan.providers.GovernedStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Governs a Messages stream block by block. Each text block's {@code text_delta}s and each tool call's
 * {@code input_json_delta}s go through their own {@link StreamRedactor}: released text is spliced into the event as it
 * came, an event left with nothing to say is dropped, and what a block still holds is sent in one more delta just
 * before its {@code content_block_stop}. Thinking blocks and every other event pass untouched. A deny stops the open
 * blocks and ends the stream (the tap then sends {@code stop_reason: refusal}). The per-stream state of one relay.
 */
public final class MessagesStreamGovernor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamGuard guard;
    /** The governed blocks still open, by index. */
    private final Map<Integer, Governed> governed = new TreeMap<>();
    /** Every block started and not yet stopped. */
    private final TreeSet<Integer> open = new TreeSet<>();

    private boolean ended;

    /** One governed block: its redactor, and whether it streams a tool call's input (else text). */
    private record Governed(StreamRedactor redactor, boolean tool) {
        String deltaType() {
            return tool ? "input_json_delta" : "text_delta";
        }
    }

    public MessagesStreamGovernor(StreamGuard guard) {
        this.guard = guard;
    }

    /** True once the policy denied the answer: the stream ends here. */
    public boolean ended() {
        return ended;
    }

    /** Puts the completion phase's verdict, signals, risk and redaction counts into the call's record. */
    public void recordInto(CallRecord record) {
        GovernedStreams.recordInto(guard, record);
    }

    /** The bytes to pass on for one content block event, {@code [start, end)}, whose data is {@code [dataStart, dataEnd)}. */
    public byte[] rewrite(String type, byte[] b, int start, int end, int dataStart, int dataEnd) {
        return switch (type) {
            case "content_block_start" -> started(b, start, end, dataStart, dataEnd);
            case "content_block_delta" -> delta(b, start, end, dataStart, dataEnd);
            case "content_block_stop" -> stopped(b, start, end, dataStart, dataEnd);
            default -> Arrays.copyOfRange(b, start, end);
        };
    }

    /** At the end of a stream whose blocks never all stopped: what they still hold, one delta each. */
    public byte[] finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<Integer, Governed> block : governed.entrySet()) {
            String rest = block.getValue().redactor().finish();
            if (!rest.isEmpty() && !block.getValue().redactor().denied()) {
                out.writeBytes(deltaEvent(block.getKey(), block.getValue(), rest));
            }
        }
        governed.clear();
        return out.toByteArray();
    }

    private byte[] started(byte[] b, int start, int end, int dataStart, int dataEnd) {
        ObjectNode event = tree(b, dataStart, dataEnd);
        if (event == null || !(event.get("content_block") instanceof ObjectNode block)) {
            return Arrays.copyOfRange(b, start, end);
        }
        int index = event.path("index").asInt(0);
        open.add(index);
        String blockType = block.path("type").asText();
        if (!blockType.equals("text") && !blockType.equals("tool_use")) {
            return Arrays.copyOfRange(b, start, end); // thinking, redacted thinking, server tools: untouched
        }
        boolean tool = blockType.equals("tool_use");
        Governed state = new Governed(guard.redactor(tool ? Source.TOOL_ARGUMENTS : Source.COMPLETION), tool);
        governed.put(index, state);
        String initial = block.path("text").asText("");
        if (tool || initial.isEmpty()) {
            return Arrays.copyOfRange(b, start, end);
        }
        String released = state.redactor().feed(initial);
        if (state.redactor().denied()) {
            return deny(Arrays.copyOfRange(b, start, end));
        }
        block.put("text", released);
        return event("content_block_start", event);
    }

    private byte[] delta(byte[] b, int start, int end, int dataStart, int dataEnd) {
        MessagesDelta delta = MessagesDelta.of(b, dataStart, dataEnd);
        Governed state = delta == null ? null : governed.get(delta.index());
        if (state == null || delta.text() == null || !state.deltaType().equals(delta.deltaType())) {
            return Arrays.copyOfRange(b, start, end);
        }
        String released = state.redactor().feed(delta.text());
        if (state.redactor().denied()) {
            return deny(new byte[0]);
        }
        if (released.equals(delta.text())) {
            return Arrays.copyOfRange(b, start, end);
        }
        return released.isEmpty() ? new byte[0] : delta.splice(b, start, end, released);
    }

    private byte[] stopped(byte[] b, int start, int end, int dataStart, int dataEnd) {
        MessagesDelta stop = MessagesDelta.of(b, dataStart, dataEnd);
        if (stop == null) {
            return Arrays.copyOfRange(b, start, end);
        }
        Governed state = governed.remove(stop.index());
        if (state == null) {
            open.remove(stop.index());
            return Arrays.copyOfRange(b, start, end);
        }
        String rest = state.redactor().finish();
        if (state.redactor().denied()) {
            return deny(new byte[0]);
        }
        open.remove(stop.index());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!rest.isEmpty()) {
            out.writeBytes(deltaEvent(stop.index(), state, rest));
        }
        out.write(b, start, end - start);
        return out.toByteArray();
    }

    /** Ends the answer after {@code before}: every open block is stopped, and nothing more of the upstream passes. */
    private byte[] deny(byte[] before) {
        ended = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before);
        for (int index : open) {
            ObjectNode stop =
                    JSON.createObjectNode().put("type", "content_block_stop").put("index", index);
            out.writeBytes(event("content_block_stop", stop));
        }
        open.clear();
        governed.clear();
        return out.toByteArray();
    }

    private static byte[] deltaEvent(int index, Governed state, String text) {
        ObjectNode event =
                JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        event.putObject("delta").put("type", state.deltaType()).put(state.tool() ? "partial_json" : "text", text);
        return event("content_block_delta", event);
    }

    /** One server-sent event as Anthropic writes them: its name, then its data on one line. */
    static byte[] event(String name, ObjectNode data) {
        try {
            byte[] json = JSON.writeValueAsBytes(data);
            byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(head, head.length + json.length + 2);
            System.arraycopy(json, 0, out, head.length, json.length);
            out[out.length - 2] = '\n';
            out[out.length - 1] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static ObjectNode tree(byte[] b, int dataStart, int dataEnd) {
        try {
            return JSON.readTree(b, dataStart, dataEnd - dataStart) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }
}
