package dev.caravan.guardrails;

import java.util.Objects;

/**
 * What a detector found: a span of the scanned text in Java {@code char} offsets ({@code start} inclusive,
 * {@code end} exclusive), its category, and how sure the detector is, in [0, 1].
 */
public record Finding(int start, int end, Category category, double score) {
    public Finding {
        Objects.requireNonNull(category, "category");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score out of [0, 1]: " + score);
        }
    }
}
