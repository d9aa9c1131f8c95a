package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;

/** Test shorthand: the detector's best score for a category, and the text its findings cover. */
final class Scans {
    static final double DENY = 0.7;
    private static final DestructiveDetector DETECTOR = new DestructiveDetector();

    private Scans() {}

    static List<Finding> scan(String text) {
        return DETECTOR.scan(text, Source.USER);
    }

    static double destructive(String text) {
        return best(text, Category.DESTRUCTIVE);
    }

    static double injection(String text) {
        return best(text, Category.SQL_INJECTION);
    }

    static double best(String text, Category category) {
        return scan(text).stream()
                .filter(f -> f.category().equals(category))
                .mapToDouble(Finding::score)
                .max()
                .orElse(0);
    }

    /** The text of the highest-scoring finding of the category, or null. */
    static String span(String text, Category category) {
        return scan(text).stream()
                .filter(f -> f.category().equals(category))
                .max((a, b) -> Double.compare(a.score(), b.score()))
                .map(f -> text.substring(f.start(), f.end()))
                .orElse(null);
    }
}
