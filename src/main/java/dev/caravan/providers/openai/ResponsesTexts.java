package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.Source;
import dev.caravan.providers.BoundTexts;

/**
 * The texts of a Responses request ({@code instructions}, {@code input} as a string or as items: messages, function
 * call arguments and outputs) or of a response's output (output text, refusals, reasoning summaries and texts, function
 * call arguments), bound to the tree.
 */
public final class ResponsesTexts {
    private ResponsesTexts() {}

    public static BoundTexts ofRequest(ObjectNode body) {
        BoundTexts texts = new BoundTexts();
        if (body.path("instructions").isTextual()) {
            texts.add(body.get("instructions").asText(), Source.SYSTEM, -1, s -> body.put("instructions", s));
        }
        JsonNode input = body.get("input");
        if (input != null && input.isTextual()) {
            texts.add(input.asText(), Source.USER, -1, s -> body.put("input", s));
        }
        for (JsonNode item : input != null && input.isArray() ? input : body.arrayNode()) {
            if (item instanceof ObjectNode i) {
                inputItem(i, texts);
            }
        }
        return texts;
    }

    /** The output texts of a response, each in the output item it belongs to. */
    public static BoundTexts ofResponse(ObjectNode response) {
        BoundTexts texts = new BoundTexts();
        JsonNode output = response.path("output");
        for (int i = 0; i < output.size(); i++) {
            if (!(output.get(i) instanceof ObjectNode item)) {
                continue;
            }
            String type = item.path("type").asText("");
            if (type.equals("message")) {
                for (JsonNode part : item.path("content")) {
                    if (part instanceof ObjectNode p) {
                        String partType = p.path("type").asText();
                        if (partType.equals("output_text")) {
                            text(p, "text", Source.COMPLETION, i, texts);
                        } else if (partType.equals("refusal")) {
                            text(p, "refusal", Source.COMPLETION, i, texts);
                        }
                    }
                }
            } else if (type.equals("reasoning")) {
                reasoning(item, i, texts);
            } else if (type.equals("function_call")) {
                text(item, "arguments", Source.TOOL_ARGUMENTS, i, texts);
            }
        }
        return texts;
    }

    /** A reasoning item's summary texts and reasoning texts. */
    private static void reasoning(ObjectNode item, int output, BoundTexts texts) {
        for (String list : new String[] {"summary", "content"}) {
            for (JsonNode part : item.path(list)) {
                if (part instanceof ObjectNode p) {
                    text(p, "text", Source.COMPLETION, output, texts);
                }
            }
        }
    }

    private static void inputItem(ObjectNode item, BoundTexts texts) {
        String type = item.path("type").asText("message");
        switch (type) {
            case "message" -> content(item, sourceOf(item.path("role").asText("user")), texts);
            case "function_call" -> text(item, "arguments", Source.TOOL_ARGUMENTS, -1, texts);
            case "function_call_output" -> {
                if (item.path("output").isTextual()) {
                    text(item, "output", Source.TOOL_RESULT, -1, texts);
                } else {
                    parts(item.path("output"), Source.TOOL_RESULT, texts);
                }
            }
            default -> {
                // reasoning, item references and built-in tool calls carry no text a prompt guardrail reads
            }
        }
    }

    private static void content(ObjectNode message, Source source, BoundTexts texts) {
        if (message.path("content").isTextual()) {
            text(message, "content", source, -1, texts);
        } else {
            parts(message.path("content"), source, texts);
        }
    }

    private static void parts(JsonNode parts, Source source, BoundTexts texts) {
        if (parts instanceof ArrayNode list) {
            for (JsonNode part : list) {
                if (part instanceof ObjectNode p) {
                    text(p, "text", source, -1, texts);
                }
            }
        }
    }

    private static void text(ObjectNode holder, String field, Source source, int choice, BoundTexts texts) {
        if (holder.path(field).isTextual()) {
            texts.add(holder.get(field).asText(), source, choice, s -> holder.put(field, s));
        }
    }

    private static Source sourceOf(String role) {
        return switch (role) {
            case "system", "developer" -> Source.SYSTEM;
            case "assistant" -> Source.ASSISTANT;
            default -> Source.USER;
        };
    }
}
