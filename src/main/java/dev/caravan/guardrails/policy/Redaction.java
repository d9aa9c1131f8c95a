package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Masks spans as {@code [REDACTED:<category>]}; overlapping spans merge into one mask named after the first. */
public final class Redaction {
    private Redaction() {}

    /** The text with every span masked; counts each mask per category into {@code counts}. */
    public static String apply(String text, List<Finding> spans, Map<Category, Integer> counts) {
        if (spans.isEmpty()) {
            return text;
        }
        spans.sort(Comparator.comparingInt(Finding::start)
                .thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < spans.size()) {
            Finding first = spans.get(i);
            int end = first.end();
            i++;
            while (i < spans.size() && spans.get(i).start() < end) {
                end = Math.max(end, spans.get(i).end());
                i++;
            }
            if (end == first.start()) {
                continue;
            }
            out.append(text, copied, first.start());
            out.append(mask(first.category()));
            copied = end;
            counts.merge(first.category(), 1, Integer::sum);
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    public static String mask(Category category) {
        return "[REDACTED:" + category.id() + "]";
    }
}
