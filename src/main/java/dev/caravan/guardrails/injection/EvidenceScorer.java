package dev.caravan.guardrails.injection;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns evidence into at most one finding per category: distinct rules combine as independent evidence (noisy-OR),
 * the other category lends half its weight, and the source scales the result (the operator's own text counts less).
 */
final class EvidenceScorer {
    private static final double REPORT_FLOOR = 0.1;
    private static final double AMPLIFIERS_ALONE = 0.35;
    private static final String FORBIDDEN_REQUEST = "jb.harmful";

    List<Finding> score(List<Evidence> evidence, Source source, int textLength) {
        if (evidence.isEmpty()) {
            return List.of();
        }
        boolean anyCore = false;
        for (Evidence e : evidence) {
            anyCore |= !e.rule().amplifier() && e.weight() > 0;
        }
        double injection = combine(evidence, Category.PROMPT_INJECTION, anyCore);
        double jailbreak = combine(evidence, Category.JAILBREAK, anyCore);
        double trust = sourceFactor(source);
        List<Finding> out = new ArrayList<>(2);
        add(out, evidence, Category.PROMPT_INJECTION, injection, jailbreak, trust, textLength);
        add(out, evidence, Category.JAILBREAK, jailbreak, injection, trust, textLength);
        return out;
    }

    static double sourceFactor(Source source) {
        return switch (source) {
            case USER, TOOL_RESULT -> 1.0;
            case TOOL_ARGUMENTS -> 0.8;
            case ASSISTANT, COMPLETION -> 0.6;
            case SYSTEM -> 0.5;
        };
    }

    /** Noisy-OR over distinct rules; amplifiers alone stay below any sensible threshold. */
    private static double combine(List<Evidence> evidence, Category category, boolean anyCore) {
        Map<Rule, Double> strongest = new LinkedHashMap<>(); // in evidence order, so the product is the same every run
        for (Evidence e : evidence) {
            if (e.rule().category().equals(category)) {
                strongest.merge(e.rule(), e.weight(), Math::max);
            }
        }
        double coreMiss = 1.0;
        double amplifierMiss = 1.0;
        int amplifiers = 0;
        boolean forbiddenRequest = false;
        for (var entry : strongest.entrySet()) {
            if (entry.getKey().amplifier()) {
                amplifierMiss *= 1.0 - entry.getValue();
                amplifiers++;
                forbiddenRequest |= entry.getKey().id().equals(FORBIDDEN_REQUEST);
            } else {
                coreMiss *= 1.0 - entry.getValue();
            }
        }
        // A request for forbidden content wrapped in two or more framings (a story, a dead grandmother, a simulated
        // world, a detailed recipe) is the jailbreak itself, even with no single strong cue.
        if (!anyCore && !(forbiddenRequest && amplifiers >= 3)) {
            return Math.min(1.0 - amplifierMiss, AMPLIFIERS_ALONE);
        }
        return 1.0 - coreMiss * amplifierMiss;
    }

    private static void add(
            List<Finding> out,
            List<Evidence> evidence,
            Category category,
            double own,
            double other,
            double trust,
            int textLength) {
        if (own <= 0) {
            return;
        }
        double score = trust * (1.0 - (1.0 - own) * (1.0 - 0.5 * other));
        if (score < REPORT_FLOOR) {
            return;
        }
        int start = textLength;
        int end = 0;
        for (Evidence e : evidence) {
            if (e.rule().category().equals(category)) {
                start = Math.min(start, e.regionStart());
                end = Math.max(end, e.regionEnd());
            }
        }
        start = Math.max(0, Math.min(start, textLength));
        end = Math.max(start, Math.min(end, textLength));
        out.add(new Finding(start, end, category, Math.min(1.0, Math.max(0.0, score))));
    }
}
