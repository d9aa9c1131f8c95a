package dev.caravan.routing;

/** A credential held for one use; it never prints itself, so it cannot leak through a log line or toString. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    /** The raw value, for the one place that puts it on the wire. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
