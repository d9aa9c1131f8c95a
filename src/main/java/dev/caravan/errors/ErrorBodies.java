package dev.caravan.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.IngressApi;

/** Renders an error as the JSON body (and, for Bedrock, the type header) of the caller's API. */
public final class ErrorBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {}

    public static byte[] render(IngressApi api, ApiError error, String message) {
        ObjectNode root = JSON.createObjectNode();
        if (api == IngressApi.BEDROCK) {
            root.put("message", message);
        } else if (api == IngressApi.ANTHROPIC) {
            root.put("type", "error");
            ObjectNode body = root.putObject("error");
            body.put("type", error.anthropicType());
            body.put("message", message);
        } else {
            ObjectNode body = root.putObject("error");
            body.put("message", message);
            body.put("type", error.openAiType());
            body.put("code", error.openAiCode());
            body.putNull("param");
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body always serialises", e);
        }
    }

    /** The header that names the error's type in the caller's API, or null when its API has none (Bedrock has one). */
    public static String typeHeader(IngressApi api) {
        return api == IngressApi.BEDROCK ? "x-amzn-ErrorType" : null;
    }
}
