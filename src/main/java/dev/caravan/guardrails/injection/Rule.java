package dev.caravan.guardrails.injection;

import dev.caravan.guardrails.Category;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One detection rule: the words that wake it (ASCII word prefixes, or literal phrases for scripts without spaces), the
 * pattern tried on a bounded window around each of them, an optional pattern the window must also contain, and the
 * evidence weight a match adds. A document rule counts only inside the material that follows the request (level 1)
 * or an explicitly announced document (level 2). An amplifier (role-play framing, "from now on") only strengthens
 * other evidence and never flags a text alone.
 */
record Rule(
        String id,
        Category category,
        double weight,
        List<String> triggers,
        List<String> literals,
        Pattern pattern,
        Pattern context,
        int back,
        int forward,
        int documentLevel,
        boolean amplifier,
        List<String> needs,
        boolean lineStart,
        Expectation expects) {

    /** Words and chars, {@code count} of which every match holds (see {@link #expecting}). */
    record Expectation(int count, List<String> words) {}

    /** Patterns see lower-cased text (the normalizer's job), so they need no case folding of their own. */
    private static final int FLAGS = Pattern.MULTILINE;

    /**
     * The id's hash, which equal rules share (equals stays the record's): the scorer keys a map by rule, and the
     * record's own hash would read every trigger word each time.
     */
    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** A rule woken by ASCII word prefixes (a '|'-separated list). */
    static Rule of(String id, Category category, double weight, String triggers, String regex) {
        return new Rule(
                id,
                category,
                weight,
                List.of(triggers.split("\\|")),
                List.of(),
                Pattern.compile(regex, FLAGS),
                null,
                40,
                320,
                0,
                false,
                List.of(),
                false,
                null);
    }

    /** A rule woken by literal phrases, for scripts written without spaces between words. */
    static Rule literal(String id, Category category, double weight, String literals, String regex) {
        return new Rule(
                id,
                category,
                weight,
                List.of(),
                List.of(literals.split("\\|")),
                Pattern.compile(regex, FLAGS),
                null,
                80,
                200,
                0,
                false,
                List.of(),
                false,
                null);
    }

    /** Evidence that is not a rule match: hidden text, decoded payloads, adversarial suffixes. */
    static Rule synthetic(String id, Category category, double weight) {
        return new Rule(
                id,
                category,
                weight,
                List.of(),
                List.of(),
                Pattern.compile("(?!)"),
                null,
                0,
                0,
                0,
                false,
                List.of(),
                false,
                null);
    }

    /** Evidence that only strengthens other evidence and never flags a text alone (see the amplifier above). */
    static Rule syntheticAmplifier(String id, Category category) {
        return new Rule(
                id,
                category,
                0,
                List.of(),
                List.of(),
                Pattern.compile("(?!)"),
                null,
                0,
                0,
                0,
                true,
                List.of(),
                false,
                null);
    }

    Rule requiring(String contextRegex) {
        return new Rule(
                id,
                category,
                weight,
                triggers,
                literals,
                pattern,
                Pattern.compile(contextRegex, FLAGS),
                back,
                forward,
                documentLevel,
                amplifier,
                needs,
                lineStart,
                expects);
    }

    Rule window(int newBack, int newForward) {
        return new Rule(
                id,
                category,
                weight,
                triggers,
                literals,
                pattern,
                context,
                newBack,
                newForward,
                documentLevel,
                amplifier,
                needs,
                lineStart,
                expects);
    }

    Rule inDocument(int level) {
        return new Rule(
                id, category, weight, triggers, literals, pattern, context, back, forward, level, amplifier, needs,
                lineStart, expects);
    }

    Rule amplifying() {
        return new Rule(
                id,
                category,
                weight,
                triggers,
                literals,
                pattern,
                context,
                back,
                forward,
                documentLevel,
                true,
                needs,
                lineStart,
                expects);
    }

    /**
     * A rule whose pattern cannot match unless one of these words follows its trigger within the forward window; the
     * cheap check spares the pattern most of its attempts on ordinary text.
     */
    Rule needing(String words) {
        return withPrefilters(List.of(words.split("\\|")), lineStart, expects);
    }

    /**
     * A rule whose pattern only matches where its trigger begins a line, after at most six of ' ', tab, '*' and '-' and
     * an optional "please": the matcher checks that by hand before it runs the pattern's costly look-behind.
     */
    Rule startingLines() {
        return withPrefilters(needs, true, expects);
    }

    /**
     * A rule each of whose matches holds at least {@code count} of these: word starts with one of the words (the pattern
     * puts a boundary or a space before each), or one of the ASCII punctuation chars listed alone. A window without
     * them is turned down without running the pattern, after it counts as tried, so the caps on tries see the same
     * windows as before.
     */
    Rule expecting(int count, String words) {
        return withPrefilters(needs, lineStart, new Expectation(count, List.of(words.split("\\|"))));
    }

    private Rule withPrefilters(List<String> newNeeds, boolean newLineStart, Expectation newExpects) {
        return new Rule(
                id,
                category,
                weight,
                triggers,
                literals,
                pattern,
                context,
                back,
                forward,
                documentLevel,
                amplifier,
                newNeeds,
                newLineStart,
                newExpects);
    }
}
