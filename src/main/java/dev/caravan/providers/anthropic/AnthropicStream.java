package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.providers.ChatChunks;
import dev.caravan.providers.ChatShapes;
import dev.caravan.providers.ChatStreamTranslator;
import java.util.HashMap;
import java.util.Map;

/** Turns one Anthropic Messages event stream into Chat Completions chunks, as its events arrive. */
final class AnthropicStream implements ChatStreamTranslator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOTHING = new byte[0];

    private final ChatChunks chunks;
    /** Content block index to tool call index: tool calls are numbered from 0 among tool calls only. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();

    private JsonNode startUsage = JSON.missingNode();
    private Usage usage;

    AnthropicStream(String model, long created) {
        this.chunks = new ChatChunks("", model, created);
    }

    @Override
    public byte[] event(String type, String data) {
        JsonNode event = ChatShapes.parse(data);
        switch (event.path("type").asText(type == null ? "" : type)) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                chunks.identify(
                        message.path("id").asText(null), message.path("model").asText(null));
                startUsage = message.path("usage");
                chunks.role(0);
            }
            case "content_block_start" -> blockStart(event);
            case "content_block_delta" -> blockDelta(event);
            case "message_delta" -> {
                JsonNode delta = event.path("usage");
                ObjectNode merged =
                        startUsage.isObject() ? ((ObjectNode) startUsage).deepCopy() : JSON.createObjectNode();
                delta.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
                usage = AnthropicAnswers.usage(merged, 0);
                String reason = AnthropicAnswers.finishReason(
                        event.path("delta").path("stop_reason").asText(null));
                if (reason != null) {
                    chunks.finish(0, reason);
                }
            }
            case "message_stop" -> {
                if (usage != null) {
                    chunks.usage(usage);
                }
                chunks.done();
            }
            case "error" -> {
                JsonNode error = event.path("error");
                chunks.error(ChatShapes.error(
                        error.path("message").asText("the upstream failed mid-stream"),
                        error.path("type").asText("api_error"),
                        null));
            }
            default -> {
                // ping, content_block_stop and newer event types say nothing a chat chunk carries
            }
        }
        return chunks.take();
    }

    private void blockStart(JsonNode event) {
        JsonNode block = event.path("content_block");
        if ("tool_use".equals(block.path("type").asText())) {
            int index = toolCalls.size();
            toolCalls.put(event.path("index").asInt(), index);
            chunks.toolCall(
                    0, index, block.path("id").asText(), block.path("name").asText(), "");
        } else if ("text".equals(block.path("type").asText())
                && !block.path("text").asText("").isEmpty()) {
            chunks.content(0, block.path("text").asText());
        }
    }

    private void blockDelta(JsonNode event) {
        JsonNode delta = event.path("delta");
        switch (delta.path("type").asText()) {
            case "text_delta" -> chunks.content(0, delta.path("text").asText());
            case "input_json_delta" -> {
                Integer index = toolCalls.get(event.path("index").asInt());
                String part = delta.path("partial_json").asText("");
                if (index != null && !part.isEmpty()) {
                    chunks.toolArguments(0, index, part);
                }
            }
            default -> {
                // thinking, signature and citation deltas have no Chat Completions equivalent
            }
        }
    }

    @Override
    public byte[] end() {
        return NOTHING; // a stream without message_stop was cut: the relay says so
    }
}
