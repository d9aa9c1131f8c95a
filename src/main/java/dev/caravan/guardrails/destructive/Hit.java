package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.Category;

/**
 * A rule's verdict on one candidate: where the command or statement lies, what it is and how sure the rule is. A
 * shell hit may grow over wrappers ({@code sudo}, {@code bash -c '…'}) and command chains; a statement hit keeps its span.
 */
record Hit(int start, int end, Category category, double score, boolean shell) {
    static final double CERTAIN = 0.95;
    static final double STRONG = 0.9;
    static final double LIKELY = 0.85;
    static final double PROBABLE = 0.8;
    static final double PLAUSIBLE = 0.75;

    static Hit shell(int start, int end, double score) {
        return new Hit(start, end, Category.DESTRUCTIVE, score, true);
    }

    static Hit statement(int start, int end, double score) {
        return new Hit(start, end, Category.DESTRUCTIVE, score, false);
    }

    static Hit injection(int start, int end, double score) {
        return new Hit(start, end, Category.SQL_INJECTION, score, false);
    }
}
