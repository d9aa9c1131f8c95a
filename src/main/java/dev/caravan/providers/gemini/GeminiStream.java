package dev.caravan.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.call.Usage;
import dev.caravan.providers.ChatChunks;
import dev.caravan.providers.ChatShapes;
import dev.caravan.providers.ChatStreamTranslator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns one Gemini {@code streamGenerateContent?alt=sse} stream into Chat Completions chunks. Gemini sends whole
 * function calls (no argument deltas) and no end marker: the stream is over when it ends after a finish reason.
 */
final class GeminiStream implements ChatStreamTranslator {
    private static final byte[] NOTHING = new byte[0];

    private final ChatChunks chunks;
    private final long created;
    private final Set<Integer> started = new HashSet<>();
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    private final Set<Integer> finished = new HashSet<>();
    private Usage usage;

    GeminiStream(String model, long created) {
        this.chunks = new ChatChunks("chatcmpl-gemini-" + created, model, created);
        this.created = created;
    }

    @Override
    public byte[] event(String type, String data) {
        JsonNode event = ChatShapes.parse(data);
        if (event.has("error")) {
            chunks.error(GeminiAnswers.error(
                    event.path("error").path("code").asInt(500),
                    data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return chunks.take();
        }
        chunks.identify(
                GeminiAnswers.id(event, created), event.path("modelVersion").asText(null));
        for (JsonNode candidate : event.path("candidates")) {
            int choice = candidate.path("index").asInt(0);
            if (started.add(choice)) {
                chunks.role(choice);
            }
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.path("thought").asBoolean(false)) {
                    continue;
                }
                if (part.has("text")) {
                    chunks.content(choice, part.get("text").asText());
                } else if (part.has("functionCall")) {
                    JsonNode call = part.get("functionCall");
                    int index = toolCalls.merge(choice, 1, Integer::sum) - 1;
                    chunks.toolCall(
                            choice,
                            index,
                            GeminiAnswers.callId(call, index),
                            call.path("name").asText(),
                            GeminiAnswers.arguments(call));
                }
            }
            String reason = GeminiAnswers.finishReason(
                    candidate.path("finishReason").asText(null), toolCalls.containsKey(choice));
            if (reason != null && finished.add(choice)) {
                chunks.finish(choice, reason);
            }
        }
        if (event.path("usageMetadata").isObject()) {
            usage = GeminiAnswers.usage(event.get("usageMetadata"));
        }
        return chunks.take();
    }

    @Override
    public byte[] end() {
        if (finished.isEmpty()) {
            return NOTHING; // ended before any candidate finished: cut
        }
        if (usage != null) {
            chunks.usage(usage);
        }
        chunks.done();
        return chunks.take();
    }
}
