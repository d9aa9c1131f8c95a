package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.guardrails.policy.StreamRedactor;
import dev.caravan.providers.GovernedStreams;
import dev.caravan.providers.StreamTap;
import dev.caravan.spend.TokenCounter;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Taps a ConverseStream: decodes the AWS event-stream frames, governs each content block's text deltas (and tool-use
 * input deltas) through its own {@link StreamRedactor}, re-encodes a frame only when its text changed, flushes held
 * text just before the block's stop, reads usage from the {@code metadata} frame and holds that frame back as the
 * terminal one. A block the policy denies ends the message with {@code stopReason: content_filtered}. The per-stream
 * state of one relay.
 */
public final class ConverseStreamTap implements StreamTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOTHING = new byte[0];

    private final StreamGuard guard;
    private final EventFrames frames = new EventFrames();
    private final Map<Integer, StreamRedactor> blocks = new TreeMap<>();
    private final Set<Integer> toolBlocks = new TreeSet<>();
    private Usage usage;
    private byte[] terminal;
    private boolean ended;

    /** A tap whose text passes through {@code guard} (null for an ungoverned stream). */
    public ConverseStreamTap(StreamGuard guard) {
        this.guard = guard;
    }

    @Override
    public byte[] feed(byte[] buf, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 64);
        for (EventFrames.Frame frame : frames.feed(buf, off, len)) {
            if (ended) {
                break;
            }
            out.writeBytes(frame(frame));
        }
        return out.toByteArray();
    }

    private byte[] frame(EventFrames.Frame frame) {
        ConverseEvent event = EventFrames.read(frame.message());
        if (event.kind() != ConverseEvent.Kind.EVENT) {
            terminal = frame.raw(); // an exception ends a ConverseStream: it is the stream's last frame
            return NOTHING;
        }
        switch (event.type()) {
            case "metadata" -> {
                usage = ConverseToChat.usage(event.payload().path("usage"));
                terminal = frame.raw();
                return NOTHING;
            }
            case "contentBlockStart" -> {
                if (event.payload().path("start").has("toolUse")) {
                    toolBlocks.add(event.blockIndex());
                }
                return frame.raw();
            }
            case "contentBlockDelta" -> {
                return guard == null ? frame.raw() : delta(frame, event);
            }
            case "contentBlockStop" -> {
                return guard == null ? frame.raw() : concat(flush(event.blockIndex()), frame.raw());
            }
            case "messageStop" -> {
                return guard == null ? frame.raw() : concat(flushAll(), frame.raw());
            }
            default -> {
                return frame.raw();
            }
        }
    }

    private byte[] delta(EventFrames.Frame frame, ConverseEvent event) {
        ObjectNode delta = event.payload().get("delta") instanceof ObjectNode d ? d : null;
        ObjectNode holder = delta == null ? null : delta.get("toolUse") instanceof ObjectNode t ? t : delta;
        String field = holder == delta ? "text" : "input";
        if (holder == null || !holder.path(field).isTextual()) {
            return frame.raw();
        }
        String in = holder.get(field).asText();
        StreamRedactor redactor = redactor(event.blockIndex());
        String out = redactor.feed(in);
        if (redactor.denied()) {
            return deny();
        }
        if (out.equals(in)) {
            return frame.raw();
        }
        if (out.isEmpty()) {
            return NOTHING;
        }
        holder.put(field, out);
        return EventFrames.encode(event);
    }

    /** What a block still holds, as one more delta frame of that block (none when it holds nothing). */
    private byte[] flush(int index) {
        StreamRedactor redactor = blocks.remove(index);
        if (redactor == null) {
            return NOTHING;
        }
        String rest = redactor.finish();
        if (redactor.denied()) {
            return deny();
        }
        if (rest.isEmpty()) {
            return NOTHING;
        }
        ObjectNode payload = JSON.createObjectNode().put("contentBlockIndex", index);
        ObjectNode delta = payload.putObject("delta");
        if (toolBlocks.contains(index)) {
            delta.putObject("toolUse").put("input", rest);
        } else {
            delta.put("text", rest);
        }
        return EventFrames.encode(ConverseEvent.event("contentBlockDelta", payload));
    }

    private byte[] flushAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Integer index : Set.copyOf(blocks.keySet())) {
            out.writeBytes(flush(index));
            if (ended) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** Ends the message here: nothing more of the text, and a stop the Bedrock SDKs read as filtered content. */
    private byte[] deny() {
        ended = true;
        return EventFrames.encode(
                ConverseEvent.event("messageStop", JSON.createObjectNode().put("stopReason", "content_filtered")));
    }

    private StreamRedactor redactor(int index) {
        return blocks.computeIfAbsent(
                index, i -> guard.redactor(toolBlocks.contains(i) ? Source.TOOL_ARGUMENTS : Source.COMPLETION));
    }

    @Override
    public byte[] remainder() {
        return guard != null && !ended && done() ? flushAll() : NOTHING; // a half frame is never passed on
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public boolean done() {
        return terminal != null;
    }

    @Override
    public byte[] doneEvent() {
        return terminal != null ? terminal : NOTHING;
    }

    @Override
    public byte[] errorEvent(ApiError cut, String message) {
        String type = cut == ApiError.UPSTREAM_TIMEOUT ? "modelTimeoutException" : "modelStreamErrorException";
        return EventFrames.encode(
                ConverseEvent.exception(type, JSON.createObjectNode().put("message", message)));
    }

    @Override
    public void recordInto(CallRecord record) {
        if (guard != null) {
            GovernedStreams.recordInto(guard, record);
        }
    }

    /** The tokens of the text and tool inputs a stream without a metadata frame emitted. */
    @Override
    public Usage estimatedUsage(byte[] emitted, long promptTokens) {
        StringBuilder text = new StringBuilder();
        try {
            for (EventFrames.Frame frame : new EventFrames().feed(emitted, 0, emitted.length)) {
                ConverseEvent event = EventFrames.read(frame.message());
                if (event.is("contentBlockDelta")) {
                    var delta = event.payload().path("delta");
                    text.append(delta.path("text").asText(""));
                    text.append(delta.path("toolUse").path("input").asText(""));
                }
            }
        } catch (IllegalArgumentException e) {
            // a frame the gateway itself emitted cannot be corrupt; count what was read
        }
        long completion = TokenCounter.count(text.toString());
        return new Usage(promptTokens, completion, promptTokens + completion, 0, 0);
    }

    /** The receipt travels in an event of its own type, which the Bedrock SDKs pass over as unknown. */
    @Override
    public byte[] receiptEvent(String receipt, String decisionId) {
        return EventFrames.encode(ConverseEvent.event(
                "caravanReceipt",
                JSON.createObjectNode().put("receipt", receipt).put("decisionId", decisionId)));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        if (first.length == 0) {
            return second;
        }
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
