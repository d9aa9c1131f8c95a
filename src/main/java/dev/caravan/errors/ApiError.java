package dev.caravan.errors;

/** The gateway's own errors, each with its HTTP status and its type/code in every ingress API's error shape. */
public enum ApiError {
    INVALID_JSON(400, "invalid_request_error", "invalid_json", "invalid_request_error"),
    UNKNOWN_UPSTREAM(400, "invalid_request_error", "unknown_upstream", "invalid_request_error"),
    MISSING_UPSTREAM_HEADER(400, "invalid_request_error", "missing_upstream_header", "invalid_request_error"),
    UPSTREAM_NOT_ALLOWED(400, "invalid_request_error", "upstream_not_allowed", "invalid_request_error"),
    MISSING_PROVIDER_KEY(401, "authentication_error", "missing_provider_key", "authentication_error"),
    INVALID_ADMIN_KEY(401, "authentication_error", "invalid_admin_key", "authentication_error"),
    INVALID_GATEWAY_KEY(401, "authentication_error", "invalid_gateway_key", "authentication_error"),
    POLICY_DENIED(403, "policy_violation", "policy_denied", "permission_error"),
    UNPRICED_MODEL(403, "permission_error", "unpriced_model", "permission_error"),
    BUDGET_EXCEEDED(429, "insufficient_quota", "budget_exceeded", "rate_limit_error"),
    ADMIN_DISABLED(403, "permission_error", "admin_disabled", "permission_error"),
    NOT_ALLOWED(403, "permission_error", "not_allowed", "permission_error"),
    NOT_FOUND(404, "invalid_request_error", "not_found", "not_found_error"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_allowed", "invalid_request_error"),
    APPROVAL_REQUIRED(409, "policy_violation", "approval_required", "permission_error"),
    APPROVAL_CONFLICT(409, "invalid_request_error", "approval_conflict", "invalid_request_error"),
    REQUEST_TOO_LARGE(413, "invalid_request_error", "request_too_large", "request_too_large"),
    RATE_LIMIT_EXCEEDED(429, "rate_limit_error", "rate_limit_exceeded", "rate_limit_error"),
    /** Never seen by anyone (the client is gone); recorded so the call's record says why it ended. */
    CLIENT_CLOSED_REQUEST(499, "invalid_request_error", "client_closed_request", "invalid_request_error"),
    INTERNAL(500, "server_error", "internal_error", "api_error"),
    UPSTREAM_UNREACHABLE(502, "upstream_error", "upstream_unreachable", "api_error"),
    UPSTREAM_STREAM_FAILED(502, "upstream_error", "upstream_stream_failed", "api_error"),
    OVERLOADED(503, "server_error", "overloaded", "overloaded_error"),
    UPSTREAM_TIMEOUT(504, "upstream_error", "upstream_timeout", "api_error");

    private final int status;
    private final String openAiType;
    private final String openAiCode;
    private final String anthropicType;

    ApiError(int status, String openAiType, String openAiCode, String anthropicType) {
        this.status = status;
        this.openAiType = openAiType;
        this.openAiCode = openAiCode;
        this.anthropicType = anthropicType;
    }

    public int status() {
        return status;
    }

    public String openAiType() {
        return openAiType;
    }

    public String openAiCode() {
        return openAiCode;
    }

    public String anthropicType() {
        return anthropicType;
    }

    /** The {@code x-amzn-ErrorType} Bedrock clients read for this error (their SDKs raise exceptions by it). */
    public String bedrockType() {
        if (this == BUDGET_EXCEEDED) {
            return "ServiceQuotaExceededException";
        }
        return switch (status) {
            case 401 -> "UnrecognizedClientException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 409 -> "ConflictException";
            case 429 -> "ThrottlingException";
            case 500 -> "InternalServerException";
            case 502, 503 -> "ServiceUnavailableException";
            case 504 -> "ModelTimeoutException";
            default -> "ValidationException";
        };
    }
}
