package dev.caravan.providers;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the parts of OpenAI chat messages that every translator needs: texts, images, tool-call arguments. */
public final class ChatContent {
    private ChatContent() {}

    /** An image a part points at: inline ({@code data:} URL: media type and base64 data) or by URL. */
    public record Image(String mediaType, String base64, String url) {
        public boolean inline() {
            return base64 != null;
        }
    }

    /** The text of a message's content: the string itself, or its text parts joined by newlines. */
    public static String text(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** The image of an {@code image_url} part. */
    public static Image image(JsonNode part) {
        JsonNode ref = part.path("image_url");
        String url = ref.isTextual() ? ref.asText() : ref.path("url").asText();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            int semi = meta.indexOf(';');
            String mediaType = semi < 0 ? meta : meta.substring(0, semi);
            return new Image(mediaType.isEmpty() ? "image/png" : mediaType, url.substring(comma + 1), null);
        }
        return new Image(mediaTypeOf(url), null, url);
    }

    /** A tool call's arguments as a JSON object (OpenAI sends them as a string); unparseable ones are kept as text. */
    public static JsonNode arguments(JsonNode function, com.fasterxml.jackson.databind.ObjectMapper json) {
        String raw = function.path("arguments").asText("");
        if (raw.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode parsed = json.readTree(raw);
            return parsed.isObject() ? parsed : json.createObjectNode().set("value", parsed);
        } catch (java.io.IOException e) {
            return json.createObjectNode().put("value", raw);
        }
    }

    /** Copies a parameter under a provider's name, unless it is absent or null. */
    public static void copy(JsonNode from, String name, com.fasterxml.jackson.databind.node.ObjectNode to, String as) {
        JsonNode value = from.get(name);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }

    /** {@code stop} (a string or a list) as a list of stop sequences under a provider's name; nothing when absent. */
    public static void stopSequences(JsonNode stop, com.fasterxml.jackson.databind.node.ObjectNode to, String as) {
        if (stop == null || stop.isNull()) {
            return;
        }
        com.fasterxml.jackson.databind.node.ArrayNode sequences = to.putArray(as);
        if (stop.isTextual()) {
            sequences.add(stop.asText());
        } else {
            stop.forEach(sequences::add);
        }
    }

    private static String mediaTypeOf(String url) {
        String path = url.toLowerCase(java.util.Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        return "image/jpeg";
    }
}
