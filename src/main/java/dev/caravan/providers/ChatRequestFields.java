package dev.caravan.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Which parameters of an OpenAI chat request a translator could not carry over, so none is dropped silently. */
public final class ChatRequestFields {
    /** Carried by every translator, or only the gateway's own ({@code stream_options} is asked for by the gateway). */
    private static final Set<String> ALWAYS = Set.of("model", "messages", "stream", "stream_options");

    private ChatRequestFields() {}

    /**
     * The request's top-level parameters outside {@code handled}, in request order; a null value, and a value equal
     * to OpenAI's default ({@code n: 1}, {@code parallel_tool_calls: true}, {@code logprobs: false}), drops nothing.
     */
    public static List<String> dropped(ObjectNode chat, Set<String> handled) {
        List<String> dropped = new ArrayList<>();
        for (Iterator<String> names = chat.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = chat.get(name);
            if (ALWAYS.contains(name) || handled.contains(name) || value.isNull() || isDefault(name, value)) {
                continue;
            }
            dropped.add(name);
        }
        return dropped;
    }

    private static boolean isDefault(String name, JsonNode value) {
        return switch (name) {
            case "n" -> value.isNumber() && value.asInt() == 1;
            case "parallel_tool_calls" -> value.isBoolean() && value.asBoolean();
            case "logprobs", "store" -> value.isBoolean() && !value.asBoolean();
            default -> false;
        };
    }
}
