package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.BoundTexts;
import dev.caravan.providers.GuardTexts;
import java.io.IOException;
import java.util.List;

/**
 * The texts of a Converse request or answer that guardrails read: system prompts, text blocks, tool-use inputs and
 * tool-result texts, each with where it came from and a way to write a masked version back into the JSON tree.
 */
public final class ConverseTexts implements GuardTexts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BoundTexts slots = new BoundTexts();
    private final int choice;

    private ConverseTexts(int choice) {
        this.choice = choice;
    }

    /** The texts of a request: its system prompts and its messages. */
    public static ConverseTexts ofRequest(ObjectNode body) {
        ConverseTexts texts = new ConverseTexts(-1);
        for (JsonNode block : body.path("system")) {
            texts.text(block, Source.SYSTEM);
        }
        for (JsonNode message : body.path("messages")) {
            Source source = message.path("role").asText().equals("assistant") ? Source.ASSISTANT : Source.USER;
            texts.blocks(message.path("content"), source);
        }
        return texts;
    }

    /** The texts of an answer's message (its one choice, index 0). */
    public static ConverseTexts ofAnswer(ObjectNode answer) {
        ConverseTexts texts = new ConverseTexts(0);
        texts.blocks(answer.path("output").path("message").path("content"), Source.COMPLETION);
        return texts;
    }

    @Override
    public List<ScanText> texts() {
        return slots.texts();
    }

    @Override
    public int choiceOf(int text) {
        return slots.choiceOf(text);
    }

    @Override
    public void write(List<String> texts) {
        slots.write(texts);
    }

    /** How many characters the texts hold. */
    public long characters() {
        return slots.characters();
    }

    private void blocks(JsonNode content, Source source) {
        for (JsonNode block : content) {
            text(block, source);
            if (block.path("toolUse") instanceof ObjectNode use && use.has("input")) {
                slots.add(
                        use.get("input").toString(),
                        Source.TOOL_ARGUMENTS,
                        choice,
                        masked -> use.set("input", json(masked)));
            }
            for (JsonNode result : block.path("toolResult").path("content")) {
                text(result, Source.TOOL_RESULT);
            }
        }
    }

    private void text(JsonNode block, Source source) {
        if (block instanceof ObjectNode b && b.path("text").isTextual()) {
            slots.add(b.get("text").asText(), source, choice, masked -> b.put("text", masked));
        }
    }

    /** A masked tool input as JSON again; a mask that broke its syntax leaves it as a string. */
    private static JsonNode json(String masked) {
        try {
            return JSON.readTree(masked);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(masked);
        }
    }
}
