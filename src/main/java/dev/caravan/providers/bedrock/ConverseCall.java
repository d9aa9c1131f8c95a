package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An OpenAI chat request translated for Converse: the body to send, whether it streams (ConverseStream) and whether
 * the client asked for the usage chunk, and the OpenAI parameters Converse has no place for, dropped.
 */
public record ConverseCall(ObjectNode body, boolean stream, boolean includeUsage, List<String> dropped) {
    /** The {@code x-caravan-dropped-params} header value, or null when nothing was dropped. */
    public String droppedHeader() {
        return dropped.isEmpty() ? null : String.join(",", dropped);
    }
}
