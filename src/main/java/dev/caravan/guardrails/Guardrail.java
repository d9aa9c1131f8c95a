package dev.caravan.guardrails;

import java.util.List;
import java.util.Set;

/**
 * A detector: the contract the built-in detectors and an integration team's own guardrail beans implement. An
 * implementation is thread-safe, never throws on any input, and runs in time linear in the input's length.
 */
public interface Guardrail {
    /** A short stable name, used in logs and in the record of a detector that failed open. */
    String id();

    /** The categories this guardrail can report. */
    Set<Category> categories();

    /** Every finding in {@code text}, with spans as {@code char} offsets into {@code text} itself. */
    List<Finding> scan(String text, Source source);
}
