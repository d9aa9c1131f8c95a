package dev.caravan.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Random;

/** Builds the Embeddings-shaped JSON the mock answers with: a small vector per input, seeded by the input itself. */
final class EmbeddingReply {
    private static final int DIMENSIONS = 8;

    private EmbeddingReply() {}

    static ObjectNode of(JsonNode request, String model) {
        JsonNode input = request.path("input");
        boolean base64 = "base64".equals(request.path("encoding_format").asText());
        ObjectNode reply = ChatReply.JSON.createObjectNode().put("object", "list");
        ArrayNode data = reply.putArray("data");
        int tokens = 0;
        int index = 0;
        for (JsonNode item :
                input.isArray() ? input : ChatReply.JSON.createArrayNode().add(input)) {
            ObjectNode embedding = data.addObject().put("object", "embedding").put("index", index++);
            float[] vector = vector(item.toString());
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(4 * DIMENSIONS).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : vector) {
                    bytes.putFloat(f);
                }
                embedding.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = embedding.putArray("embedding");
                for (float f : vector) {
                    values.add(f);
                }
            }
            tokens += item.isTextual() ? Math.max(1, ChatReply.words(item.asText())) : Math.max(1, item.size());
        }
        reply.put("model", model);
        reply.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return reply;
    }

    private static float[] vector(String seed) {
        Random random = new Random(seed.hashCode());
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = random.nextFloat() * 2 - 1;
        }
        return vector;
    }
}
