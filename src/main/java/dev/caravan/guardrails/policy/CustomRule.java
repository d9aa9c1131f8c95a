package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An operator's own rule from the config file: an RE2/J pattern or a keyword list, reported as {@code custom.<name>}
 * with its own action in the phases it applies to.
 */
public record CustomRule(String name, String regex, List<String> keywords, Action action, Set<Phase> phases) {
    public CustomRule {
        Objects.requireNonNull(name, "name");
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        Objects.requireNonNull(action, "action");
        phases = Set.copyOf(phases);
        if ((regex == null) == keywords.isEmpty()) {
            throw new IllegalArgumentException("custom rule '" + name + "' needs exactly one of regex or keywords");
        }
    }

    public Category category() {
        return Category.custom(name);
    }

    String describe() {
        return name
                + ' '
                + (regex != null ? "regex " + regex : "keywords " + keywords)
                + ' '
                + action.id()
                + ' '
                + phases.stream().map(Phase::id).sorted().toList();
    }
}
