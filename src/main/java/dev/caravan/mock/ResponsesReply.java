package dev.caravan.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.mock.ChatReply.StreamPlan;
import java.util.ArrayList;
import java.util.List;

/** Builds the Responses-shaped JSON (a response, or its typed stream events) the mock answers one request with. */
final class ResponsesReply {
    private final JsonNode request;
    private final String id;
    private final String itemId;
    private final String model;
    private final long created;
    private final String text;
    private final int inputTokens;

    ResponsesReply(JsonNode request, String model, long sequence, int minLength, String reply) {
        this.request = request;
        this.id = "resp_mock_" + sequence;
        this.itemId = "msg_mock_" + sequence;
        this.model = model;
        this.created = System.currentTimeMillis() / 1000;
        List<String> said = inputTexts(request);
        this.text = ChatReply.padded(
                reply != null ? reply : "echo: " + (said.isEmpty() ? "" : said.get(said.size() - 1)), minLength);
        this.inputTokens = Math.max(1, ChatReply.words(String.join(" ", said)));
    }

    ObjectNode response() {
        ObjectNode response = envelope("completed");
        response.putArray("output").add(message("completed", text));
        response.set("usage", usage());
        return response;
    }

    /** The typed events of a stream; each event's {@code type} becomes its {@code event:} line. */
    StreamPlan stream(int chunks) {
        List<ObjectNode> opening = new ArrayList<>();
        ObjectNode started = envelope("in_progress");
        started.putArray("output");
        started.putNull("usage");
        opening.add(event("response.created").set("response", started));
        opening.add(event("response.in_progress").set("response", started.deepCopy()));
        ObjectNode added = message("in_progress", null);
        opening.add(event("response.output_item.added").put("output_index", 0).set("item", added));
        opening.add(part(event("response.content_part.added"), ""));
        List<ObjectNode> pieces = new ArrayList<>(chunks);
        for (String piece : ChatReply.split(text, chunks)) {
            ObjectNode delta = located(event("response.output_text.delta")).put("delta", piece);
            delta.putArray("logprobs");
            pieces.add(delta);
        }
        List<ObjectNode> closing = new ArrayList<>();
        ObjectNode done = located(event("response.output_text.done")).put("text", text);
        done.putArray("logprobs");
        closing.add(done);
        closing.add(part(event("response.content_part.done"), text));
        closing.add(event("response.output_item.done").put("output_index", 0).set("item", message("completed", text)));
        closing.add(event("response.completed").set("response", response()));
        return new StreamPlan(opening, pieces, closing);
    }

    private ObjectNode envelope(String status) {
        ObjectNode response = ChatReply.JSON
                .createObjectNode()
                .put("id", id)
                .put("object", "response")
                .put("created_at", created)
                .put("status", status);
        response.putNull("error");
        response.putNull("incomplete_details");
        response.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : null);
        response.putNull("max_output_tokens");
        response.put("model", model);
        response.put("parallel_tool_calls", true);
        response.putNull("previous_response_id");
        response.put("store", false);
        response.put("temperature", 1.0);
        response.putObject("text").putObject("format").put("type", "text");
        response.put("tool_choice", "auto");
        response.putArray("tools");
        response.put("top_p", 1.0);
        response.put("truncation", "disabled");
        response.putObject("metadata");
        return response;
    }

    private ObjectNode message(String status, String withText) {
        ObjectNode item = ChatReply.JSON
                .createObjectNode()
                .put("type", "message")
                .put("id", itemId)
                .put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (withText != null) {
            content.add(outputText(withText));
        }
        return item;
    }

    private static ObjectNode outputText(String value) {
        ObjectNode part =
                ChatReply.JSON.createObjectNode().put("type", "output_text").put("text", value);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    private ObjectNode part(ObjectNode event, String value) {
        located(event).set("part", outputText(value));
        return event;
    }

    private ObjectNode located(ObjectNode event) {
        return event.put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    private static ObjectNode event(String type) {
        return ChatReply.JSON.createObjectNode().put("type", type);
    }

    private ObjectNode usage() {
        int output = ChatReply.words(text);
        ObjectNode usage = ChatReply.JSON.createObjectNode().put("input_tokens", inputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return usage.put("total_tokens", inputTokens + output);
    }

    /** The texts of {@code instructions} and {@code input} (a string, or message items with string or parts content). */
    private static List<String> inputTexts(JsonNode request) {
        List<String> texts = new ArrayList<>();
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            texts.add(input.asText());
        }
        for (JsonNode item : input) {
            JsonNode content = item.path("content");
            if ("user".equals(item.path("role").asText())) {
                texts.add(content.isTextual() ? content.asText() : ChatReply.partsText(content));
            }
        }
        return texts;
    }
}
