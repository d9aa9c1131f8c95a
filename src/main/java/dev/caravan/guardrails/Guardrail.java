package dev.caravan.guardrails;

import java.util.List;
import java.util.Set;

/**
 * A detector: the contract the built-in detectors and an integration team's own guardrail beans implement. An
 * implementation is thread-safe, never throws on any input, and runs in time linear in the input's length.
 */
public interface Guardrail {
    /** How far back a stream holds text for a guardrail that does not say: the last line, at most this long. */
    int DEFAULT_LONGEST_MATCH = 1024;

    /** A short stable name, used in logs and in the record of a detector that failed open. */
    String id();

    /** The categories this guardrail can report. */
    Set<Category> categories();

    /** Every finding in {@code text}, with spans as {@code char} offsets into {@code text} itself. */
    List<Finding> scan(String text, Source source);

    /**
     * For a stream: where the tail of the unfinished {@code text} begins that more text could still turn into part of
     * a finding, or {@code text.length()} when nothing appended could reach back into {@code text}. A stream releases
     * everything before that index at once and holds the rest until the next delta shows whether it grew into a
     * match. It must be sound: for any continuation, a finding of the longer text that covers index {@code i < length}
     * and reaches past the end starts at or after the returned index. The default holds the last line.
     */
    default int holdFrom(String text) {
        return StreamTails.lastLine(text, longestMatch());
    }

    /** The longest span one finding can cover; a stream never holds back more text than this for this guardrail. */
    default int longestMatch() {
        return DEFAULT_LONGEST_MATCH;
    }
}
