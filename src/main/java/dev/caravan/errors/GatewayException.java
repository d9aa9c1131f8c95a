package dev.caravan.errors;

/** A failure the gateway answers itself, in the caller's API shape; the message is safe to show the caller. */
public final class GatewayException extends RuntimeException {
    private final ApiError error;

    public GatewayException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public GatewayException(ApiError error, String message, Throwable cause) {
        super(message, cause, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
