package dev.caravan.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A request in a provider's native shape: its body, its path below the target's base URL (query included), the
 * headers the provider requires besides the key, and the client's parameters that had no native equivalent.
 */
public record TranslatedRequest(ObjectNode body, String path, Map<String, String> headers, List<String> dropped) {
    public TranslatedRequest {
        headers = Map.copyOf(headers);
        dropped = List.copyOf(dropped);
    }
}
