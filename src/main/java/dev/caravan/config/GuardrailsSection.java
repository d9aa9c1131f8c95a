package dev.caravan.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.CategoryRule;
import dev.caravan.guardrails.policy.CustomRule;
import dev.caravan.guardrails.policy.CustomRules;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Mode;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.PhasePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code guardrails} section of the config file as written, and its validation into a {@link GuardPolicy}: what
 * the file names overrides the defaults, category by category.
 */
public record GuardrailsSection(
        @JsonProperty("failClosed") Boolean failClosed,
        @JsonProperty("approvalTtlSeconds") Long approvalTtlSeconds,
        @JsonProperty("prompt") PhaseSection prompt,
        @JsonProperty("completion") PhaseSection completion,
        @JsonProperty("custom") List<CustomSection> custom) {

    /** One phase: its mode and per-category overrides. */
    public record PhaseSection(
            @JsonProperty("mode") String mode, @JsonProperty("categories") Map<String, RuleSection> categories) {}

    /** One category's override; a field left out keeps the default. */
    public record RuleSection(
            @JsonProperty("action") String action,
            @JsonProperty("threshold") Double threshold,
            @JsonProperty("toolCallAction") String toolCallAction) {}

    /** One custom rule: a name, a regex or keywords, an action, and the phases it applies to (default both). */
    public record CustomSection(
            @JsonProperty("name") String name,
            @JsonProperty("regex") String regex,
            @JsonProperty("keywords") List<String> keywords,
            @JsonProperty("action") String action,
            @JsonProperty("phases") List<String> phases) {}

    /** The policy this section describes; {@code lineOf} names the line of a key for error messages. */
    GuardPolicy toPolicy(Function<String, String> where) {
        List<CustomRule> rules = new ArrayList<>();
        for (CustomSection c : custom == null ? List.<CustomSection>of() : custom) {
            rules.add(customRule(c, where));
        }
        Map<Category, CategoryRule> promptRules = phaseRules(Phase.PROMPT, prompt, where);
        Map<Category, CategoryRule> completionRules = phaseRules(Phase.COMPLETION, completion, where);
        for (CustomRule rule : rules) {
            CategoryRule r = CategoryRule.of(rule.action(), 0.0);
            if (rule.phases().contains(Phase.PROMPT)) {
                promptRules.put(rule.category(), r);
            }
            if (rule.phases().contains(Phase.COMPLETION)) {
                completionRules.put(rule.category(), r);
            }
        }
        long ttl = approvalTtlSeconds == null ? 3600 : approvalTtlSeconds;
        if (ttl < 1) {
            throw new ConfigException(
                    where.apply("approvalTtlSeconds") + "guardrails.approvalTtlSeconds must be positive");
        }
        return GuardPolicy.of(
                new PhasePolicy(mode(prompt, "prompt", where), promptRules),
                new PhasePolicy(mode(completion, "completion", where), completionRules),
                rules,
                Boolean.TRUE.equals(failClosed),
                Duration.ofSeconds(ttl));
    }

    private static Mode mode(PhaseSection section, String phase, Function<String, String> where) {
        if (section == null || section.mode() == null) {
            return Mode.REDACT;
        }
        try {
            return Mode.parse(section.mode());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where.apply("mode") + "guardrails." + phase + ".mode: '" + section.mode()
                    + "' is not one of " + names(Mode.values()));
        }
    }

    private static Map<Category, CategoryRule> phaseRules(
            Phase phase, PhaseSection section, Function<String, String> where) {
        Map<Category, CategoryRule> rules = new LinkedHashMap<>(GuardPolicy.defaultRules(phase));
        if (section == null || section.categories() == null) {
            return rules;
        }
        for (Map.Entry<String, RuleSection> e : section.categories().entrySet()) {
            String key = "guardrails." + phase.id() + ".categories." + e.getKey();
            Category category;
            try {
                category = Category.of(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(where.apply(e.getKey()) + key + ": " + bad.getMessage() + " (known: "
                        + Category.BUILT_IN.stream().map(Category::id).collect(Collectors.joining(", "))
                        + ", custom.<name>)");
            }
            RuleSection given = e.getValue() == null ? new RuleSection(null, null, null) : e.getValue();
            CategoryRule base = rules.getOrDefault(category, CategoryRule.of(Action.OBSERVE, 0.5));
            Action action = given.action() == null ? base.action() : action(given.action(), key + ".action", where);
            Action toolCall = given.toolCallAction() == null
                    ? base.toolCallAction()
                    : action(given.toolCallAction(), key + ".toolCallAction", where);
            double threshold = given.threshold() == null ? base.threshold() : given.threshold();
            if (threshold < 0 || threshold > 1) {
                throw new ConfigException(
                        where.apply("threshold") + key + ".threshold must be in [0, 1], was " + threshold);
            }
            if (phase == Phase.COMPLETION && (action == Action.HOLD || toolCall == Action.HOLD)) {
                throw new ConfigException(where.apply(e.getKey()) + key
                        + ": hold applies to prompts only (an answer cannot wait for a human); use deny");
            }
            rules.put(category, new CategoryRule(action, threshold, toolCall));
        }
        return rules;
    }

    private static CustomRule customRule(CustomSection c, Function<String, String> where) {
        String key = "guardrails.custom[" + (c.name() == null ? "?" : c.name()) + "]";
        if (c.name() == null) {
            throw new ConfigException(where.apply("custom") + "guardrails.custom: every rule needs a name");
        }
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String p : c.phases() == null ? List.of("prompt", "completion") : c.phases()) {
            try {
                phases.add(Phase.valueOf(p.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(
                        where.apply("phases") + key + ".phases: '" + p + "' is not prompt or completion");
            }
        }
        Action action = action(c.action() == null ? "deny" : c.action(), key + ".action", where);
        if (action == Action.HOLD && phases.contains(Phase.COMPLETION)) {
            throw new ConfigException(
                    where.apply("name: " + c.name()) + key + ": hold applies to prompts only; set phases: [prompt]");
        }
        try {
            CustomRule rule = new CustomRule(c.name(), c.regex(), c.keywords(), action, phases);
            Category.custom(c.name());
            if (rule.regex() != null) {
                CustomRules.compile(rule);
            }
            return rule;
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(where.apply("name: " + c.name()) + key + ": " + bad.getMessage());
        }
    }

    private static Action action(String value, String key, Function<String, String> where) {
        try {
            return Action.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where.apply(key.substring(key.lastIndexOf('.') + 1)) + key + ": '" + value
                    + "' is not one of " + names(Action.values()));
        }
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
