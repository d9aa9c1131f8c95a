package dev.caravan.config;

/** A setting or configuration file that cannot be used; the message names the offending key or line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
