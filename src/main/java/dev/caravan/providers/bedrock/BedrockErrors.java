package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Bedrock's error shape, both ways: an {@code x-amzn-ErrorType} header plus {@code {"message": ...}}, read from an
 * upstream answer and turned into the OpenAI error an OpenAI client expects, or written for the gateway's own refusals
 * on the {@code /bedrock} ingress.
 */
public final class BedrockErrors {
    /** The header that names the error type. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BedrockErrors() {}

    /** A Bedrock error body. */
    public static byte[] body(String message) {
        return JSON.createObjectNode()
                .put("message", message)
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The OpenAI error for a Bedrock error answer; {@code errorType} is the {@code x-amzn-ErrorType} header (may be
     * null, or carry a {@code :namespace} suffix).
     */
    public static ObjectNode toOpenAi(int status, String errorType, byte[] body) {
        String type = errorType == null || errorType.isBlank()
                ? fromStatus(status)
                : errorType.split(":", 2)[0];
        String message;
        try {
            JsonNode parsed = JSON.readTree(body);
            message = parsed == null
                    ? null
                    : parsed.path("message").asText(parsed.path("Message").asText(null));
        } catch (IOException e) {
            message = null;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message == null ? "Bedrock answered " + status + " " + type : message);
        error.put("type", openAiType(type));
        error.put("code", type);
        error.putNull("param");
        return root;
    }

    /** The OpenAI error type for a Bedrock error or exception type. */
    public static String openAiType(String bedrockType) {
        String type = bedrockType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("throttling")
                || type.startsWith("servicequotaexceeded")
                || type.startsWith("modelnotready")) {
            return "rate_limit_error";
        }
        if (type.startsWith("accessdenied")) {
            return "permission_error";
        }
        if (type.startsWith("unrecognizedclient")
                || type.startsWith("invalidsignature")
                || type.startsWith("expiredtoken")) {
            return "authentication_error";
        }
        if (type.startsWith("validation") || type.startsWith("resourcenotfound")) {
            return "invalid_request_error";
        }
        return "api_error";
    }

    private static String fromStatus(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> "InternalServerException";
        };
    }
}
