package dev.caravan.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.StreamGuard;
import dev.caravan.guardrails.policy.StreamRedactor;
import dev.caravan.providers.GovernedStreams;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Governs a Chat Completions stream event by event. The content, the refusal and reasoning texts and the tool-call
 * arguments of every choice go through their own {@link StreamRedactor}; text held back joins the choice's next event and is flushed with its
 * {@code finish_reason}; a choice the policy denies ends with {@code finish_reason: content_filter}. An event left
 * with nothing to say is dropped; no empty event is invented. The per-stream state of one relay.
 */
public final class ChatStreamGovernor {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key of the legacy {@code function_call} among a choice's tool calls. */
    private static final int FUNCTION_CALL = -1;

    private final StreamGuard guard;
    private final int choiceCount;
    private final Map<Integer, Choice> choices = new TreeMap<>();
    private ObjectNode lastChunk;
    /** The first event as received: what a flushed event's id, model and created come from if no other was read. */
    private byte[] firstEvent;

    /** One choice's redactors: its content, its refusal and reasoning texts, and the arguments of each tool call. */
    private final class Choice {
        final StreamRedactor content = guard.redactor(Source.COMPLETION);
        final Map<String, StreamRedactor> others = new TreeMap<>();
        final Map<Integer, StreamRedactor> tools = new TreeMap<>();
        boolean finished;
        boolean denied;

        StreamRedactor tool(int index) {
            return tools.computeIfAbsent(index, i -> guard.redactor(Source.TOOL_ARGUMENTS));
        }

        StreamRedactor other(String field) {
            return others.computeIfAbsent(field, f -> guard.redactor(Source.COMPLETION));
        }

        /** Whether a refusal or reasoning text still holds back a tail. */
        boolean holdsOther() {
            for (StreamRedactor other : others.values()) {
                if (other.held() > 0) {
                    return true;
                }
            }
            return false;
        }

        boolean anyDenied() {
            return content.denied() || anyDenied(others.values()) || anyDenied(tools.values());
        }

        private static boolean anyDenied(Iterable<StreamRedactor> redactors) {
            for (StreamRedactor redactor : redactors) {
                if (redactor.denied()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Governs a stream of {@code choiceCount} choices (the request's {@code n}). */
    public ChatStreamGovernor(StreamGuard guard, int choiceCount) {
        this.guard = guard;
        this.choiceCount = Math.max(1, choiceCount);
    }

    /** Puts the completion phase's verdict, signals, risk and redaction counts into the call's record. */
    public void recordInto(CallRecord record) {
        GovernedStreams.recordInto(guard, record);
    }

    /** True once every choice was denied: the gateway ends the stream. */
    public boolean ended() {
        if (choices.size() < choiceCount) {
            return false;
        }
        for (Choice choice : choices.values()) {
            if (!choice.denied) {
                return false;
            }
        }
        return true;
    }

    /** The bytes to pass on for one complete event (possibly none). */
    public byte[] rewrite(byte[] b, int start, int end) {
        if (firstEvent == null) {
            firstEvent = java.util.Arrays.copyOfRange(b, start, end);
        }
        ContentDelta delta = ContentDelta.of(b, start, end);
        byte[] quick = delta != null ? contentOnly(b, start, end, delta) : null;
        return quick != null ? quick : rewriteTree(b, start, end);
    }

    /**
     * The common event, one choice whose delta carries only content, without building a JSON tree: the released text
     * is spliced into the original bytes. Null when the event needs the general path (a denied choice, say).
     */
    private byte[] contentOnly(byte[] b, int start, int end, ContentDelta delta) {
        Choice state = choices.computeIfAbsent(delta.index(), i -> new Choice());
        if (state.denied || state.finished || state.holdsOther()) {
            return null;
        }
        String out = state.content.feed(delta.text());
        if (state.content.denied() && ChatStreamTap.parseData(b, start, end) instanceof ObjectNode chunk) {
            ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
            deny(choice, state);
            return event(chunk);
        }
        if (out.equals(delta.text())) {
            return java.util.Arrays.copyOfRange(b, start, end);
        }
        if (out.isEmpty() && !delta.hasRole()) {
            return new byte[0];
        }
        return delta.splice(b, start, end, out);
    }

    private byte[] rewriteTree(byte[] b, int start, int end) {
        if (!(ChatStreamTap.parseData(b, start, end) instanceof ObjectNode chunk)
                || !(chunk.get("choices") instanceof ArrayNode list)
                || list.isEmpty()) {
            return java.util.Arrays.copyOfRange(b, start, end);
        }
        lastChunk = chunk;
        ArrayNode kept = JSON.createArrayNode();
        boolean changed = false;
        for (JsonNode node : list) {
            if (!(node instanceof ObjectNode choice)) {
                kept.add(node);
                continue;
            }
            Choice state = choices.computeIfAbsent(choice.path("index").asInt(0), i -> new Choice());
            if (state.denied) {
                changed = true; // a denied choice already ended: the rest of it is dropped
                continue;
            }
            Verdict verdict = govern(choice, state);
            changed |= verdict != Verdict.UNCHANGED;
            if (verdict != Verdict.DROP) {
                kept.add(choice);
            }
        }
        if (!changed) {
            return java.util.Arrays.copyOfRange(b, start, end);
        }
        if (kept.isEmpty() && !chunk.path("usage").isObject()) {
            return new byte[0];
        }
        chunk.set("choices", kept);
        return event(chunk);
    }

    /** At the end of the upstream stream: what choices that never finished still hold, in one event each. */
    public byte[] finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (lastChunk == null
                && firstEvent != null
                && ChatStreamTap.parseData(firstEvent, 0, firstEvent.length) instanceof ObjectNode first) {
            lastChunk = first;
        }
        for (Map.Entry<Integer, Choice> entry : choices.entrySet()) {
            Choice state = entry.getValue();
            if (state.denied || state.finished || lastChunk == null) {
                continue;
            }
            ObjectNode choice = JSON.createObjectNode().put("index", entry.getKey());
            choice.putObject("delta");
            choice.putNull("finish_reason");
            flush(choice, state);
            if (state.anyDenied()) {
                deny(choice, state);
            } else if (isEmpty((ObjectNode) choice.get("delta"))) {
                continue;
            }
            ObjectNode chunk = lastChunk.deepCopy();
            chunk.set("choices", JSON.createArrayNode().add(choice));
            if (chunk.has("usage")) {
                chunk.putNull("usage");
            }
            out.writeBytes(event(chunk));
        }
        return out.toByteArray();
    }

    private enum Verdict {
        UNCHANGED,
        CHANGED,
        DROP
    }

    private Verdict govern(ObjectNode choice, Choice state) {
        ObjectNode delta = choice.get("delta") instanceof ObjectNode d ? d : null;
        boolean carriedText = false;
        boolean changed = false;
        if (delta != null) {
            boolean content = hasText(delta, "content");
            if (content) {
                carriedText = true;
                changed |= feed(delta, "content", state.content);
            }
            for (String field : ChatTexts.OTHER_ANSWER_TEXTS) {
                if (hasText(delta, field)) {
                    carriedText = true;
                    changed |= feed(delta, field, state.other(field));
                }
            }
            if (content) {
                changed |= releaseOthers(delta, state);
            }
            if (delta.get("tool_calls") instanceof ArrayNode calls) {
                for (JsonNode call : calls) {
                    if (call.get("function") instanceof ObjectNode function && hasText(function, "arguments")) {
                        carriedText = true;
                        changed |= feed(
                                function,
                                "arguments",
                                state.tool(call.path("index").asInt(0)));
                    }
                }
            }
            if (delta.get("function_call") instanceof ObjectNode function && hasText(function, "arguments")) {
                carriedText = true;
                changed |= feed(function, "arguments", state.tool(FUNCTION_CALL));
            }
        }
        if (choice.path("finish_reason").isTextual()) {
            state.finished = true;
            changed |= flush(choice, state);
        }
        if (state.anyDenied()) {
            deny(choice, state);
            return Verdict.CHANGED;
        }
        if (!changed) {
            return Verdict.UNCHANGED;
        }
        if (choice.has("logprobs")) {
            choice.putNull("logprobs"); // the token log-probabilities would show the text that was held or masked
        }
        boolean empty = carriedText && !choice.path("finish_reason").isTextual() && isEmpty(delta);
        return empty ? Verdict.DROP : Verdict.CHANGED;
    }

    /**
     * Once the content has started, what the reasoning (or refusal) still holds goes out with it, in its own field,
     * rather than at the choice's end.
     */
    private static boolean releaseOthers(ObjectNode delta, Choice state) {
        boolean any = false;
        for (Map.Entry<String, StreamRedactor> other : state.others.entrySet()) {
            if (other.getValue().held() > 0) {
                String rest = other.getValue().finish();
                if (!rest.isEmpty()) {
                    delta.put(other.getKey(), delta.path(other.getKey()).asText("") + rest);
                    any = true;
                }
            }
        }
        return any;
    }

    private static boolean feed(ObjectNode holder, String field, StreamRedactor redactor) {
        String in = holder.get(field).asText();
        String out = redactor.feed(in);
        if (out.equals(in)) {
            return false;
        }
        holder.put(field, out);
        return true;
    }

    /** Appends every text the choice still holds to this event; true when there was any. */
    private static boolean flush(ObjectNode choice, Choice state) {
        boolean any = false;
        String rest = state.content.finish();
        ObjectNode delta = choice.get("delta") instanceof ObjectNode d ? d : choice.putObject("delta");
        if (!rest.isEmpty()) {
            delta.put("content", delta.path("content").asText("") + rest);
            any = true;
        }
        for (Map.Entry<String, StreamRedactor> other : state.others.entrySet()) {
            String held = other.getValue().finish();
            if (!held.isEmpty()) {
                delta.put(other.getKey(), delta.path(other.getKey()).asText("") + held);
                any = true;
            }
        }
        for (Map.Entry<Integer, StreamRedactor> tool : state.tools.entrySet()) {
            String args = tool.getValue().finish();
            if (args.isEmpty()) {
                continue;
            }
            any = true;
            ObjectNode function = functionOf(delta, tool.getKey());
            function.put("arguments", function.path("arguments").asText("") + args);
        }
        return any;
    }

    /** The function object of tool call {@code index} in this delta, added when the delta has none. */
    private static ObjectNode functionOf(ObjectNode delta, int index) {
        if (index == FUNCTION_CALL) {
            return delta.get("function_call") instanceof ObjectNode f ? f : delta.putObject("function_call");
        }
        ArrayNode calls = delta.get("tool_calls") instanceof ArrayNode a ? a : delta.putArray("tool_calls");
        for (JsonNode call : calls) {
            if (call.path("index").asInt(0) == index && call instanceof ObjectNode c) {
                return c.get("function") instanceof ObjectNode f ? f : c.putObject("function");
            }
        }
        return calls.addObject().put("index", index).putObject("function");
    }

    /** Ends a denied choice here: nothing of this event's text, and {@code finish_reason: content_filter}. */
    private static void deny(ObjectNode choice, Choice state) {
        state.denied = true;
        state.finished = true;
        choice.putObject("delta");
        if (choice.has("logprobs")) {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", "content_filter");
    }

    private static boolean hasText(ObjectNode holder, String field) {
        JsonNode value = holder.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty();
    }

    /** Whether a delta says nothing: no role, no text (content, refusal, reasoning), no tool call id or name. */
    private static boolean isEmpty(ObjectNode delta) {
        if (delta == null) {
            return true;
        }
        if (delta.has("role") || hasText(delta, "content")) {
            return false;
        }
        for (String field : ChatTexts.OTHER_ANSWER_TEXTS) {
            if (hasText(delta, field)) {
                return false;
            }
        }
        for (JsonNode call : delta.path("tool_calls")) {
            JsonNode function = call.path("function");
            if (call.has("id") || function.has("name") || function instanceof ObjectNode f && hasText(f, "arguments")) {
                return false;
            }
        }
        JsonNode legacy = delta.path("function_call");
        return !legacy.has("name") && !(legacy instanceof ObjectNode f && hasText(f, "arguments"));
    }

    private static byte[] event(ObjectNode chunk) {
        try {
            byte[] json = JSON.writeValueAsBytes(chunk);
            byte[] out = new byte[json.length + 8];
            System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
            System.arraycopy(json, 0, out, 6, json.length);
            out[out.length - 2] = '\n';
            out[out.length - 1] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }
}
