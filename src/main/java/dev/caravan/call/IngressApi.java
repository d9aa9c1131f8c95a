package dev.caravan.call;

/** The client-facing API shape of an ingress, which decides how errors are rendered. */
public enum IngressApi {
    OPENAI,
    ANTHROPIC;

    /** The ingress a request path belongs to. */
    public static IngressApi ofPath(String path) {
        return path != null && path.startsWith("/anthropic") ? ANTHROPIC : OPENAI;
    }
}
