package dev.caravan.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves a credential as written in configuration: {@code ${env:NAME}} or a literal value. */
public final class CredentialReference {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private CredentialReference() {}

    /** The credential, or empty when the reference names an unset variable (references are optional). */
    public static Optional<String> resolve(String reference, Map<String, String> environment) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        Matcher env = ENV.matcher(reference.trim());
        if (env.matches()) {
            return Optional.ofNullable(environment.get(env.group(1))).filter(v -> !v.isBlank());
        }
        if (reference.contains("${")) {
            throw new ConfigException("a credential reference must be ${env:NAME} or a literal value");
        }
        return Optional.of(reference.trim());
    }
}
