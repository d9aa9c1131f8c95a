package dev.caravan.providers;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Header names allowed by name or by prefix, compared in lower case. */
public record HeaderAllowList(Set<String> names, List<String> prefixes) {
    public boolean allows(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (names.contains(lower)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
