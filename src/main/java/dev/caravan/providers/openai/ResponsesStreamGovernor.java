package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.guardrails.policy.StreamRedactor;
import dev.caravan.providers.GovernedStreams;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Governs a Responses stream event by event. Every output text, refusal, reasoning summary and reasoning text part
 * and every function call's arguments go through their own {@link StreamRedactor}; held text is released in a delta made up just before the part's {@code .done}
 * event; the events that repeat a whole text ({@code output_text.done}, {@code content_part.done},
 * {@code output_item.done} and the terminal event) carry the released text, never the upstream's. A deny ends the
 * stream with a made-up {@code response.incomplete} (reason {@code content_filter}). Since events may be dropped or
 * made up, every event passed on is renumbered. The per-stream state of one relay.
 */
public final class ResponsesStreamGovernor {
    static final String TEXT_DELTA = "response.output_text.delta";
    static final String ARGUMENTS_DELTA = "response.function_call_arguments.delta";
    private static final String REFUSAL_DELTA = "response.refusal.delta";
    private static final String SUMMARY_DELTA = "response.reasoning_summary_text.delta";
    private static final String REASONING_DELTA = "response.reasoning_text.delta";
    private static final int ARGUMENTS = -1;
    /** Where a reasoning item's summary parts are numbered, apart from its content parts. */
    private static final int SUMMARY = 1 << 24;

    private final StreamGuard guard;
    private final Map<Long, Part> parts = new HashMap<>();
    /** The output items as last seen, by output index: what a made-up terminal event lists. */
    private final Map<Integer, ObjectNode> items = new TreeMap<>();

    private ObjectNode response;
    private long next;
    private boolean ended;

    /** One streamed text: an output text part, or a function call's arguments. */
    private static final class Part {
        final StreamRedactor redactor;
        final StringBuilder released = new StringBuilder();
        boolean finished;

        Part(StreamRedactor redactor) {
            this.redactor = redactor;
        }
    }

    public ResponsesStreamGovernor(StreamGuard guard) {
        this.guard = guard;
    }

    /** True once a text was denied: the gateway ends the stream. */
    public boolean ended() {
        return ended;
    }

    /** The sequence number the next event passed on gets. */
    long next() {
        return next;
    }

    public void recordInto(CallRecord record) {
        GovernedStreams.recordInto(guard, record);
    }

    /** The bytes to pass on for one complete event (possibly none, possibly two events). */
    public byte[] rewrite(byte[] b, int start, int end, String name) {
        if (name == null || name.equals(TEXT_DELTA) || name.equals(ARGUMENTS_DELTA)) {
            TextDelta delta = TextDelta.of(b, start, end);
            if (delta != null
                    && (delta.type().equals(TEXT_DELTA) || delta.type().equals(ARGUMENTS_DELTA))) {
                return delta(b, start, end, delta);
            }
        }
        ObjectNode event = ResponsesStreamTap.parse(b, start, end);
        return event == null ? Arrays.copyOfRange(b, start, end) : rewrite(event);
    }

    /** The common event, a text delta, spliced without building a tree. */
    private byte[] delta(byte[] b, int start, int end, TextDelta delta) {
        Part part = part(delta.outputIndex(), delta.type().equals(TEXT_DELTA) ? delta.contentIndex() : ARGUMENTS);
        String out = release(part, part.redactor.feed(delta.text()));
        if (out.isEmpty()) {
            return new byte[0];
        }
        long number = next++;
        if (out.equals(delta.text()) && number == delta.sequence()) {
            return Arrays.copyOfRange(b, start, end);
        }
        return delta.splice(b, start, end, out, number);
    }

    private byte[] rewrite(ObjectNode event) {
        String type = event.path("type").asText("");
        int output = event.path("output_index").asInt(0);
        switch (type) {
            case "response.created", "response.in_progress", "response.queued" ->
                response = event.get("response") instanceof ObjectNode r ? r.deepCopy() : response;
            case TEXT_DELTA, ARGUMENTS_DELTA -> {
                Part part = part(
                        output,
                        type.equals(TEXT_DELTA) ? event.path("content_index").asInt(0) : ARGUMENTS);
                String out =
                        release(part, part.redactor.feed(event.path("delta").asText("")));
                if (out.isEmpty()) {
                    return new byte[0];
                }
                event.put("delta", out);
                clearLogprobs(event);
            }
            case REFUSAL_DELTA, SUMMARY_DELTA, REASONING_DELTA -> {
                Part part = textPart(event);
                String out =
                        release(part, part.redactor.feed(event.path("delta").asText("")));
                if (out.isEmpty()) {
                    return new byte[0];
                }
                event.put("delta", out);
            }
            case "response.output_text.done" -> {
                return done(
                        event, "text", part(output, event.path("content_index").asInt(0)), TEXT_DELTA);
            }
            case "response.refusal.done" -> {
                return done(event, "refusal", textPart(event), REFUSAL_DELTA);
            }
            case "response.reasoning_summary_text.done" -> {
                return done(event, "text", textPart(event), SUMMARY_DELTA);
            }
            case "response.reasoning_text.done" -> {
                return done(event, "text", textPart(event), REASONING_DELTA);
            }
            case "response.reasoning_summary_part.added", "response.reasoning_summary_part.done" -> {
                if (event.get("part") instanceof ObjectNode p) {
                    released(
                            p,
                            "text",
                            output,
                            SUMMARY + event.path("summary_index").asInt(0));
                }
            }
            case "response.function_call_arguments.done" -> {
                return done(event, "arguments", part(output, ARGUMENTS), ARGUMENTS_DELTA);
            }
            case "response.content_part.added", "response.content_part.done" -> {
                if (event.get("part") instanceof ObjectNode p) {
                    released(p, "text", output, event.path("content_index").asInt(0));
                    released(p, "refusal", output, event.path("content_index").asInt(0));
                    ObjectNode item = items.get(output);
                    if (item != null && item.path("content") instanceof ArrayNode content) {
                        put(content, event.path("content_index").asInt(0), p.deepCopy());
                    }
                }
            }
            case "response.output_item.added", "response.output_item.done" -> {
                if (event.get("item") instanceof ObjectNode item) {
                    item(item, output);
                    items.put(output, item.deepCopy());
                }
            }
            default -> {
                // other events (built-in tools, say) pass on as they are, renumbered
            }
        }
        return ResponsesStreamTap.event(type, numbered(event));
    }

    /** The terminal event with every output text replaced by what was released. */
    public byte[] terminal(ObjectNode event) {
        for (Part part : parts.values()) {
            if (!part.finished) {
                release(part, part.redactor.finish());
                part.finished = true;
            }
        }
        if (event.get("response") instanceof ObjectNode r && r.get("output") instanceof ArrayNode output) {
            for (int i = 0; i < output.size(); i++) {
                if (output.get(i) instanceof ObjectNode item) {
                    item(item, i);
                }
            }
        }
        return ResponsesStreamTap.event(event.path("type").asText(), numbered(event));
    }

    /** The terminal event of a stream the policy ended: {@code response.incomplete}, reason {@code content_filter}. */
    public byte[] incomplete() {
        ObjectNode made = response != null ? response.deepCopy() : ResponsesStreamTap.JSON.createObjectNode();
        ArrayNode output = made.putArray("output");
        for (Map.Entry<Integer, ObjectNode> entry : items.entrySet()) {
            ObjectNode item = entry.getValue().deepCopy();
            item(item, entry.getKey());
            if (!"completed".equals(item.path("status").asText())) {
                item.put("status", "incomplete");
            }
            output.add(item);
        }
        ResponsesVerdicts.incomplete(made);
        made.putNull("usage");
        ObjectNode event = ResponsesStreamTap.JSON.createObjectNode().put("type", "response.incomplete");
        event.set("response", made);
        return ResponsesStreamTap.event("response.incomplete", numbered(event));
    }

    /** A text's {@code .done}: what it still held goes out in a delta made up just before, then the whole text. */
    private byte[] done(ObjectNode event, String field, Part part, String deltaType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!part.finished) {
            part.finished = true;
            String rest = release(part, part.redactor.finish());
            if (!rest.isEmpty()) {
                ObjectNode delta = ResponsesStreamTap.JSON.createObjectNode().put("type", deltaType);
                for (String key : new String[] {"item_id", "output_index", "content_index", "summary_index"}) {
                    if (event.has(key)) {
                        delta.set(key, event.get(key));
                    }
                }
                delta.put("delta", rest);
                if (event.has("logprobs")) {
                    delta.putArray("logprobs");
                }
                out.writeBytes(ResponsesStreamTap.event(deltaType, numbered(delta)));
            }
        }
        if (ended) {
            return new byte[0];
        }
        event.put(field, part.released.toString());
        clearLogprobs(event);
        out.writeBytes(ResponsesStreamTap.event(event.path("type").asText(), numbered(event)));
        return out.toByteArray();
    }

    /** Puts the released texts into an output item (a message's text parts, a function call's arguments). */
    private void item(ObjectNode item, int output) {
        String type = item.path("type").asText("");
        if (type.equals("function_call")) {
            Part part = parts.get(key(output, ARGUMENTS));
            if (part != null) {
                item.put("arguments", part.released.toString());
            }
        } else if (type.equals("message") || type.equals("reasoning")) {
            for (int i = 0; i < item.path("content").size(); i++) {
                if (item.get("content").get(i) instanceof ObjectNode p) {
                    released(p, "text", output, i);
                    released(p, "refusal", output, i);
                }
            }
            for (int i = 0; i < item.path("summary").size(); i++) {
                if (item.get("summary").get(i) instanceof ObjectNode p) {
                    released(p, "text", output, SUMMARY + i);
                }
            }
        }
    }

    private void released(ObjectNode holder, String field, int output, int content) {
        Part part = parts.get(key(output, content));
        if (part != null && holder.has(field)) {
            holder.put(field, part.released.toString());
            clearLogprobs(holder);
        }
    }

    /** Records the released text; a deny ends the stream and releases nothing more. */
    private String release(Part part, String out) {
        if (part.redactor.denied()) {
            ended = true;
            return "";
        }
        part.released.append(out);
        return out;
    }

    /** The part a refusal, reasoning summary or reasoning text event is about. */
    private Part textPart(ObjectNode event) {
        int output = event.path("output_index").asInt(0);
        return event.path("type").asText().startsWith("response.reasoning_summary_text")
                ? part(output, SUMMARY + event.path("summary_index").asInt(0))
                : part(output, event.path("content_index").asInt(0));
    }

    private Part part(int output, int content) {
        return parts.computeIfAbsent(
                key(output, content),
                k -> new Part(guard.redactor(content == ARGUMENTS ? Source.TOOL_ARGUMENTS : Source.COMPLETION)));
    }

    private ObjectNode numbered(ObjectNode event) {
        event.put("sequence_number", next++);
        return event;
    }

    private static void put(ArrayNode list, int index, JsonNode value) {
        while (list.size() <= index) {
            list.addNull();
        }
        list.set(index, value);
    }

    private static void clearLogprobs(ObjectNode holder) {
        if (holder.get("logprobs") instanceof ArrayNode logprobs && !logprobs.isEmpty()) {
            holder.putArray("logprobs");
        }
    }

    private static long key(int output, int content) {
        return ((long) output << 32) | (content & 0xffffffffL);
    }
}
