package dev.caravan.call;

/** The client-facing API shape of an ingress, which decides how errors are rendered. */
public enum IngressApi {
    OPENAI,
    ANTHROPIC,
    /** Bedrock Converse: errors as an {@code x-amzn-ErrorType} header and {@code {"message"}}. */
    BEDROCK;

    /** The ingress a request path belongs to. */
    public static IngressApi ofPath(String path) {
        if (path != null && path.startsWith("/bedrock")) {
            return BEDROCK;
        }
        return path != null && path.startsWith("/anthropic") ? ANTHROPIC : OPENAI;
    }
}
