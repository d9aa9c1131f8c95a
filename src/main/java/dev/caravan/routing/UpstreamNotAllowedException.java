package dev.caravan.routing;

/** Says why a client-chosen upstream URL was refused; the message is safe to show the caller. */
public final class UpstreamNotAllowedException extends Exception {
    private static final long serialVersionUID = 1L;

    public UpstreamNotAllowedException(String message) {
        super(message);
    }
}
