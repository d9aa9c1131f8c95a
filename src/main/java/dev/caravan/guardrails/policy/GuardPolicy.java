package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole guardrail policy: both phases, the custom rules, what happens when a detector itself fails, and how long
 * an approval lasts. Its version is a hash of its effective content, recorded with every call it served.
 */
public record GuardPolicy(
        PhasePolicy prompt,
        PhasePolicy completion,
        List<CustomRule> customRules,
        boolean failClosed,
        Duration approvalTtl,
        String version) {

    public GuardPolicy {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        customRules = List.copyOf(customRules);
        Objects.requireNonNull(approvalTtl, "approvalTtl");
    }

    /** Builds a policy and computes its version. */
    public static GuardPolicy of(
            PhasePolicy prompt,
            PhasePolicy completion,
            List<CustomRule> customRules,
            boolean failClosed,
            Duration approvalTtl) {
        String version = versionOf(prompt, completion, customRules, failClosed, approvalTtl);
        return new GuardPolicy(prompt, completion, customRules, failClosed, approvalTtl, version);
    }

    /**
     * The defaults: both phases redact. Prompts: injection and jailbreak denied, secrets and PII masked, destructive
     * operations and SQL injection denied above a high score, IP addresses observed. Completions: secrets and PII
     * masked, destructive operations denied inside tool-call arguments and observed in prose.
     */
    public static GuardPolicy defaults() {
        return of(
                new PhasePolicy(Mode.REDACT, defaultRules(Phase.PROMPT)),
                new PhasePolicy(Mode.REDACT, defaultRules(Phase.COMPLETION)),
                List.of(),
                false,
                Duration.ofHours(1));
    }

    /** The built-in default rule of every category in a phase. */
    public static Map<Category, CategoryRule> defaultRules(Phase phase) {
        Map<Category, CategoryRule> rules = new LinkedHashMap<>();
        boolean prompt = phase == Phase.PROMPT;
        rules.put(Category.PROMPT_INJECTION, CategoryRule.of(prompt ? Action.DENY : Action.OBSERVE, 0.5));
        rules.put(Category.JAILBREAK, CategoryRule.of(prompt ? Action.DENY : Action.OBSERVE, 0.5));
        rules.put(Category.SECRET, CategoryRule.of(Action.REDACT, 0.5));
        for (Category c : Category.BUILT_IN) {
            if (c.isPii()) {
                rules.put(c, CategoryRule.of(Action.REDACT, 0.5));
            }
        }
        rules.put(Category.IP_ADDRESS, CategoryRule.of(Action.OBSERVE, 0.5));
        for (Category c : List.of(Category.DESTRUCTIVE, Category.SQL_INJECTION)) {
            rules.put(
                    c, prompt ? CategoryRule.of(Action.DENY, 0.7) : new CategoryRule(Action.OBSERVE, 0.7, Action.DENY));
        }
        return rules;
    }

    public PhasePolicy phase(Phase phase) {
        return phase == Phase.PROMPT ? prompt : completion;
    }

    private static String versionOf(
            PhasePolicy prompt,
            PhasePolicy completion,
            List<CustomRule> customRules,
            boolean failClosed,
            Duration approvalTtl) {
        StringBuilder text = new StringBuilder();
        describe(text.append("prompt "), prompt);
        describe(text.append("completion "), completion);
        customRules.forEach(r -> text.append("custom ").append(r.describe()).append('\n'));
        text.append("failClosed ").append(failClosed).append('\n');
        text.append("approvalTtl ").append(approvalTtl.toSeconds()).append('\n');
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void describe(StringBuilder text, PhasePolicy phase) {
        text.append(phase.mode().id()).append('\n');
        phase.rules().entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getKey().id()))
                .forEach(e -> text.append(e.getKey().id())
                        .append(' ')
                        .append(e.getValue().action().id())
                        .append(' ')
                        .append(e.getValue().threshold())
                        .append(' ')
                        .append(
                                e.getValue().toolCallAction() == null
                                        ? "-"
                                        : e.getValue().toolCallAction().id())
                        .append('\n'));
    }
}
