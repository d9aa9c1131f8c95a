package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.BoundTexts;
import java.util.List;

/**
 * The texts of a Chat Completions request or answer that guardrails read (message content in string or parts form,
 * tool-call arguments, tool results; an answer's refusal and reasoning), each with where it came from, the choice it belongs to, and a way to write a
 * masked version back into the JSON tree.
 */
public final class ChatTexts implements dev.caravan.providers.GuardTexts {
    /**
     * An answer's texts besides its content and tool calls: the model's refusal, and the reasoning that some providers
     * return in the message or delta (DeepSeek's {@code reasoning_content}, OpenRouter's {@code reasoning}).
     */
    static final List<String> OTHER_ANSWER_TEXTS = List.of("refusal", "reasoning_content", "reasoning");

    private final BoundTexts slots = new BoundTexts();

    private ChatTexts() {}

    /** The texts of a request's messages. */
    public static ChatTexts ofRequest(ObjectNode body) {
        ChatTexts texts = new ChatTexts();
        for (JsonNode message : body.path("messages")) {
            if (message instanceof ObjectNode m) {
                Source source = sourceOf(m.path("role").asText(""));
                texts.content(m, source, -1);
                texts.toolCalls(m, -1);
            }
        }
        return texts;
    }

    /** The texts of an answer's choices. */
    public static ChatTexts ofCompletion(ObjectNode body) {
        ChatTexts texts = new ChatTexts();
        JsonNode choices = body.path("choices");
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).path("message") instanceof ObjectNode m) {
                int index = choices.get(i).path("index").asInt(i);
                texts.content(m, Source.COMPLETION, index);
                for (String field : OTHER_ANSWER_TEXTS) {
                    texts.field(m, field, index);
                }
                texts.toolCalls(m, index);
            }
        }
        return texts;
    }

    @Override
    public List<ScanText> texts() {
        return slots.texts();
    }

    /** The choice index each text belongs to (-1 in a request). */
    @Override
    public int choiceOf(int text) {
        return slots.choiceOf(text);
    }

    /** Writes back every text that differs from what was read. */
    @Override
    public void write(List<String> texts) {
        slots.write(texts);
    }

    private static Source sourceOf(String role) {
        return switch (role) {
            case "system", "developer" -> Source.SYSTEM;
            case "assistant" -> Source.ASSISTANT;
            case "tool", "function" -> Source.TOOL_RESULT;
            default -> Source.USER;
        };
    }

    private void content(ObjectNode message, Source source, int choice) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            slots.add(content.asText(), source, choice, s -> message.put("content", s));
        } else if (content instanceof ArrayNode parts) {
            for (JsonNode part : parts) {
                if (part instanceof ObjectNode p && p.path("text").isTextual()) {
                    slots.add(p.get("text").asText(), source, choice, s -> p.put("text", s));
                }
            }
        }
    }

    private void field(ObjectNode message, String field, int choice) {
        if (message.path(field).isTextual()) {
            slots.add(message.get(field).asText(), Source.COMPLETION, choice, s -> message.put(field, s));
        }
    }

    private void toolCalls(ObjectNode message, int choice) {
        for (JsonNode call : message.path("tool_calls")) {
            arguments(call.path("function"), choice);
        }
        arguments(message.path("function_call"), choice);
    }

    private void arguments(JsonNode function, int choice) {
        if (function instanceof ObjectNode f && f.path("arguments").isTextual()) {
            slots.add(f.get("arguments").asText(), Source.TOOL_ARGUMENTS, choice, s -> f.put("arguments", s));
        }
    }
}
