package dev.caravan.errors;

/** A failure the gateway answers itself, in the caller's API shape; the message is safe to show the caller. */
public final class GatewayException extends RuntimeException {
    private final ApiError error;
    private final java.util.Map<String, String> headers;

    public GatewayException(ApiError error, String message) {
        this(error, message, java.util.Map.of());
    }

    /** An error whose answer carries extra response headers (such as the approval id of a held request). */
    public GatewayException(ApiError error, String message, java.util.Map<String, String> headers) {
        super(message, null, false, false);
        this.error = error;
        this.headers = java.util.Map.copyOf(headers);
    }

    public GatewayException(ApiError error, String message, Throwable cause) {
        super(message, cause, false, false);
        this.error = error;
        this.headers = java.util.Map.of();
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public ApiError error() {
        return error;
    }
}
