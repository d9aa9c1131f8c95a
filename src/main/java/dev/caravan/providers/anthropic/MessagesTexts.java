package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.GuardTexts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The texts of a Messages request or answer that guardrails read, each with where it came from and a way to write a
 * masked version back into the JSON tree: the system prompt, text blocks, tool results, text documents, and every
 * string inside a tool call's {@code input} (as tool arguments, one text per string so that the input stays valid
 * JSON). Thinking blocks are never read nor changed: they are signed, and a changed one is refused upstream.
 */
public final class MessagesTexts implements GuardTexts {
    private record Slot(ScanText text, Consumer<String> writeBack) {}

    private final List<Slot> slots = new ArrayList<>();
    private final int choice;

    private MessagesTexts(int choice) {
        this.choice = choice;
    }

    /** The texts of a request: its system prompt and its messages. */
    public static MessagesTexts ofRequest(ObjectNode body) {
        MessagesTexts texts = new MessagesTexts(-1);
        texts.content(body, "system", Source.SYSTEM);
        for (JsonNode message : body.path("messages")) {
            if (message instanceof ObjectNode m) {
                texts.content(
                        m, "content", "assistant".equals(m.path("role").asText()) ? Source.ASSISTANT : Source.USER);
            }
        }
        return texts;
    }

    /** The texts of an answer: its text blocks and its tool calls' inputs. */
    public static MessagesTexts ofAnswer(ObjectNode answer) {
        MessagesTexts texts = new MessagesTexts(0);
        texts.blocks(answer.path("content"), Source.COMPLETION);
        return texts;
    }

    @Override
    public List<ScanText> texts() {
        List<ScanText> texts = new java.util.ArrayList<>(slots.size());
        for (Slot slot : slots) {
            texts.add(slot.text());
        }
        return texts;
    }

    /** A Messages answer has one choice: 0; -1 in a request. */
    @Override
    public int choiceOf(int text) {
        return choice;
    }

    @Override
    public void write(List<String> texts) {
        for (int i = 0; i < slots.size(); i++) {
            if (!texts.get(i).equals(slots.get(i).text().text())) {
                slots.get(i).writeBack().accept(texts.get(i));
            }
        }
    }

    /** A content field that is a string or a list of blocks. */
    private void content(ObjectNode holder, String field, Source source) {
        JsonNode content = holder.get(field);
        if (content != null && content.isTextual()) {
            add(content.asText(), source, s -> holder.put(field, s));
        } else {
            blocks(content, source);
        }
    }

    private void blocks(JsonNode blocks, Source source) {
        if (!(blocks instanceof ArrayNode list)) {
            return;
        }
        for (JsonNode node : list) {
            if (!(node instanceof ObjectNode block)) {
                continue;
            }
            switch (block.path("type").asText()) {
                case "text" -> text(block, "text", source);
                case "tool_result" -> content(block, "content", Source.TOOL_RESULT);
                case "tool_use", "server_tool_use" -> strings(block.get("input"));
                case "document" -> document(block.path("source"), source);
                default -> {} // thinking, redacted_thinking, images: never read, never changed
            }
        }
    }

    /** A document's text: plain text data, or content blocks. */
    private void document(JsonNode source, Source from) {
        if (source instanceof ObjectNode s && "text".equals(s.path("type").asText())) {
            text(s, "data", from);
        } else if (source instanceof ObjectNode s
                && "content".equals(s.path("type").asText())) {
            content(s, "content", from);
        }
    }

    private void text(ObjectNode holder, String field, Source source) {
        if (holder.path(field).isTextual()) {
            add(holder.get(field).asText(), source, s -> holder.put(field, s));
        }
    }

    /** Every string inside a tool call's input, each its own text. */
    private void strings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    String name = field.getKey();
                    add(field.getValue().asText(), Source.TOOL_ARGUMENTS, s -> object.put(name, s));
                } else {
                    strings(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    int at = i;
                    add(array.get(i).asText(), Source.TOOL_ARGUMENTS, s -> array.set(at, TextNode.valueOf(s)));
                } else {
                    strings(array.get(i));
                }
            }
        }
    }

    private void add(String text, Source source, Consumer<String> writeBack) {
        slots.add(new Slot(new ScanText(text, source), writeBack));
    }
}
