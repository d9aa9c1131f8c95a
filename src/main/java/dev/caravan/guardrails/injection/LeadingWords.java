package dev.caravan.guardrails.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The literal words every match of a pattern must start with, read from the pattern's source, so a matcher can skip
 * the positions where none of them starts instead of running the regex there. A pattern whose start it cannot read
 * for sure (a char class, a counted repeat, an escape, unusual flags) has no leading words: it is tried everywhere.
 */
final class LeadingWords {
    private static final int SUPPORTED_FLAGS = Pattern.MULTILINE | Pattern.CASE_INSENSITIVE;

    /**
     * A leading word, whether the pattern puts a word boundary before it, and what the pattern wants right after it:
     * {@code ANY}, {@code SPACE} (a {@code \s} that must occur) or one ASCII char that is neither letter nor digit.
     */
    private record Lead(String word, boolean bounded, int follow) {}

    private static final int ANY = -1;
    private static final int SPACE = -2;

    /**
     * The leads by first char (under both cases when case is ignored), laid out flat so a lookup reads a few arrays
     * rather than objects: the leads under char {@code c} are the slots {@code [firstStart[c], firstStart[c + 1])}.
     */
    private final int[] firstStart = new int[129];
    /** Per slot: its word's second char (0 for a one-char word); most leads are turned down by it. */
    private final char[] seconds;
    /** Per slot: where its word starts in {@code words}. */
    private final int[] wordAt;
    /** Per slot: its word's length. */
    private final int[] wordLength;
    /** Per slot: whether the pattern puts a word boundary before it. */
    private final boolean[] bounded;
    /** Per slot: what must follow it (see Lead). */
    private final int[] follows;
    /** Every slot's word, one after another. */
    private final char[] words;

    /** Bit {@code 128 * first + second} for the first two chars of each lead (under both cases when case is ignored). */
    private final long[] pairs = new long[128 * 128 / 64];

    private final boolean ignoreCase;

    private LeadingWords(List<Lead> leads, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        List<List<Lead>> byFirst = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            byFirst.add(new ArrayList<>());
        }
        for (Lead lead : leads) {
            char first = lead.word().charAt(0);
            byFirst.get(first).add(lead);
            if (ignoreCase && Character.toLowerCase(first) != first) {
                byFirst.get(Character.toLowerCase(first)).add(lead);
            } else if (ignoreCase && Character.toUpperCase(first) != first) {
                byFirst.get(Character.toUpperCase(first)).add(lead);
            }
        }
        int slots = byFirst.stream().mapToInt(List::size).sum();
        seconds = new char[slots];
        wordAt = new int[slots];
        wordLength = new int[slots];
        bounded = new boolean[slots];
        follows = new int[slots];
        StringBuilder all = new StringBuilder();
        int slot = 0;
        for (char c = 0; c < 128; c++) {
            firstStart[c] = slot;
            boolean boundedOnly = true;
            boolean pairOnly = true;
            for (Lead lead : byFirst.get(c)) {
                String word = lead.word();
                seconds[slot] = word.length() >= 2 ? word.charAt(1) : 0;
                wordAt[slot] = all.length();
                wordLength[slot] = word.length();
                bounded[slot] = lead.bounded();
                follows[slot] = lead.follow();
                all.append(word);
                slot++;
                boundedOnly &= lead.bounded();
                pairOnly &= word.length() >= 2;
                if (word.length() >= 2) {
                    char second = word.charAt(1);
                    addPair(c, second);
                    if (ignoreCase) {
                        addPair(c, Character.toLowerCase(second));
                        addPair(c, Character.toUpperCase(second));
                    }
                }
            }
            int kind = wordChar(c) ? WORD : 0;
            if (!byFirst.get(c).isEmpty()) {
                kind |= LEAD | (boundedOnly ? BOUNDED : 0) | (pairOnly ? PAIR_ONLY : 0);
            }
            kinds[c] = (byte) kind;
        }
        firstStart[128] = slot;
        words = all.toString().toCharArray();
    }

    private void addPair(char first, char second) {
        int bit = first * 128 + second;
        pairs[bit >>> 6] |= 1L << bit;
    }

    /** The pattern's leading words, or null when a match could start with anything. */
    static LeadingWords of(Pattern pattern) {
        if ((pattern.flags() & ~SUPPORTED_FLAGS) != 0) {
            return null;
        }
        List<Lead> leads = alternatives(pattern.pattern(), false);
        return leads == null ? null : new LeadingWords(leads, (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0);
    }

    /** True if one of the words starts at {@code at}; every match starting there needs one. */
    boolean startAt(char[] text, int at) {
        char c = text[at];
        int kind = c < 128 ? kinds[c] : 0;
        if ((kind & LEAD) == 0) {
            return false;
        }
        // Two ASCII word chars never have a word boundary between them, whichever definition of \b the JDK uses.
        boolean inWord = at > 0 && wordChar(text[at - 1]);
        if (inWord && (kind & BOUNDED) != 0) {
            return false;
        }
        if ((kind & PAIR_ONLY) != 0) {
            // Leads are ASCII, and case folding is ASCII-only: a lead's second char is never at or above 128.
            char second = at + 1 < text.length ? text[at + 1] : 0x80;
            int bit = c * 128 + second;
            if (second >= 0x80 || (pairs[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        char next = at + 1 < text.length ? text[at + 1] : 0;
        for (int k = firstStart[c], end = firstStart[c + 1]; k < end; k++) {
            // The second char first, as startsWith would compare it: no call and no word read for most leads.
            char w = seconds[k];
            if (w != 0 && next != w && !(ignoreCase && next != 0 && next < 128 && sameIgnoringCase(next, w))) {
                continue;
            }
            if (!(bounded[k] && inWord) && startsWith(text, at, k) && followed(text, at, k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the char after lead {@code k} at {@code at} is one the pattern can go on with. */
    private boolean followed(char[] text, int at, int k) {
        int follow = follows[k];
        if (follow == ANY) {
            return true;
        }
        int after = at + wordLength[k];
        if (after >= text.length) {
            return false;
        }
        char c = text[after];
        return follow == SPACE
                ? c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
                : c == follow;
    }

    /** The first position from {@code from} on where {@code startAt} holds, or -1: the scan a cue search makes. */
    int next(char[] text, int from) {
        int n = text.length;
        int before = from > 0 && wordChar(text[from - 1]) ? WORD : 0;
        for (int p = from; p < n; p++) {
            char c = text[p];
            int kind = c < 128 ? kinds[c] : 0;
            // One table read per char: a lead char, unless all its leads want a boundary and a word char precedes it.
            if ((kind & LEAD) != 0 && ((before << 2) & kind & BOUNDED) == 0 && startAt(text, p)) {
                return p;
            }
            before = kind;
        }
        return -1;
    }

    private static final int WORD = 1;
    private static final int LEAD = 2;
    /** {@code WORD << 2}: every lead under the char wants a word boundary. */
    private static final int BOUNDED = 4;
    /** Every lead under the char has two chars or more, so the pair bit set applies. */
    private static final int PAIR_ONLY = 8;

    /** Per ASCII char: WORD, LEAD, BOUNDED and PAIR_ONLY bits. */
    private final byte[] kinds = new byte[128];

    private static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** Whether lead {@code slot}'s word occurs in {@code text} at {@code at}. */
    private boolean startsWith(char[] text, int at, int slot) {
        int length = wordLength[slot];
        if (at + length > text.length) {
            return false;
        }
        int from = wordAt[slot];
        for (int k = 0; k < length; k++) {
            char c = text[at + k];
            char w = words[from + k];
            // ASCII-only folding, like CASE_INSENSITIVE without UNICODE_CASE.
            if (c != w && !(ignoreCase && c < 128 && sameIgnoringCase(c, w))) {
                return false;
            }
        }
        return true;
    }

    /** Character.toLowerCase of each ASCII char: a mismatch is common here, and the JDK's call costs a table walk. */
    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_LOWER[c] = Character.toLowerCase(c);
        }
    }

    /** {@code Character.toLowerCase(c) == Character.toLowerCase(w)} for an ASCII {@code c}. */
    private static boolean sameIgnoringCase(char c, char w) {
        return w < 128 ? ASCII_LOWER[c] == ASCII_LOWER[w] : Character.toLowerCase(c) == Character.toLowerCase(w);
    }

    /** Leading words of {@code regex} split at its top-level '|'; null if any alternative's start is unknown. */
    private static List<Lead> alternatives(String regex, boolean bounded) {
        List<Lead> out = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= regex.length(); i = skip(regex, i)) {
            if (i == regex.length() || (depth == 0 && regex.charAt(i) == '|')) {
                List<Lead> words = leading(regex.substring(start, i), bounded);
                if (words == null) {
                    return null;
                }
                out.addAll(words);
                start = i + 1;
                if (i == regex.length()) {
                    break;
                }
            } else if (regex.charAt(i) == '(') {
                depth++;
            } else if (regex.charAt(i) == ')') {
                depth--;
            }
        }
        return out;
    }

    /** Leading words of one alternative: zero-width assertions are stepped over, then a group or a literal run. */
    private static List<Lead> leading(String alt, boolean boundedBefore) {
        int i = 0;
        boolean bounded = boundedBefore;
        while (true) {
            if (alt.startsWith("\\b", i)) {
                bounded = true;
                i += 2;
            } else if (alt.startsWith("^", i)) {
                i += 1;
            } else if (alt.startsWith("(?<=", i)
                    || alt.startsWith("(?<!", i)
                    || alt.startsWith("(?=", i)
                    || alt.startsWith("(?!", i)) {
                i = closing(alt, i) + 1;
                if (i == 0) {
                    return null;
                }
            } else {
                break;
            }
        }
        if (alt.startsWith("(", i)) {
            int close = closing(alt, i);
            boolean plain = alt.startsWith("(?:", i) || !alt.startsWith("(?", i);
            if (close < 0 || !plain) {
                return null;
            }
            List<Lead> inside = alternatives(alt.substring(alt.startsWith("(?:", i) ? i + 3 : i + 1, close), bounded);
            if (!quantified(alt, close + 1)) {
                return inside;
            }
            // An optional group: a match starts with the group's words or, skipping it, with what follows.
            int after = optionalEnd(alt, close + 1);
            List<Lead> rest = after < 0 ? null : leading(alt.substring(after), bounded);
            if (inside == null || rest == null) {
                return null;
            }
            List<Lead> both = new ArrayList<>(inside);
            both.addAll(rest);
            return both;
        }
        int end = i;
        while (end < alt.length() && Character.isLetterOrDigit(alt.charAt(end)) && alt.charAt(end) < 128) {
            end++;
        }
        if (end == i) {
            return punctuation(alt, i);
        }
        if (quantified(alt, end)) {
            return end - 1 <= i ? null : List.of(new Lead(alt.substring(i, end - 1), bounded, ANY));
        }
        return end <= i ? null : List.of(new Lead(alt.substring(i, end), bounded, follow(alt, end)));
    }

    /**
     * One-char leads for an alternative that opens with an ASCII punctuation char, plain or escaped, or with a class of
     * only such chars (no range, negation or nesting); null for anything else, or when that first atom is optional.
     */
    private static List<Lead> punctuation(String alt, int i) {
        if (i >= alt.length() || quantified(alt, skip(alt, i))) {
            return null;
        }
        char c = alt.charAt(i);
        StringBuilder chars = new StringBuilder();
        if (c == '[') {
            int close = skip(alt, i) - 1;
            if (close >= alt.length() || alt.charAt(close) != ']') {
                return null;
            }
            for (int k = i + 1; k < close; k++) {
                char d = alt.charAt(k);
                if (d == '\\' && k + 1 < close && punctuation(alt.charAt(k + 1))) {
                    chars.append(alt.charAt(++k));
                } else if (punctuation(d) && "\\[]^-&".indexOf(d) < 0) {
                    chars.append(d);
                } else {
                    return null;
                }
            }
        } else if (c == '\\') {
            if (i + 1 >= alt.length() || !punctuation(alt.charAt(i + 1))) {
                return null;
            }
            chars.append(alt.charAt(i + 1));
        } else if (punctuation(c) && "^$.|?*+()[]{}#".indexOf(c) < 0) {
            chars.append(c);
        }
        if (chars.isEmpty()) {
            return null;
        }
        List<Lead> out = new ArrayList<>();
        for (int k = 0; k < chars.length(); k++) {
            out.add(new Lead(String.valueOf(chars.charAt(k)), false, ANY));
        }
        return out;
    }

    /** An ASCII char that is printable and neither a space, a letter nor a digit. */
    private static boolean punctuation(char c) {
        return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
    }

    /**
     * What must follow a leading word that ends at {@code at} of an alternative: a {@code \s} or a plain ASCII
     * punctuation char that is not made optional, else {@code ANY} (the alternative ends, or anything else follows).
     */
    private static int follow(String alt, int at) {
        if (alt.startsWith("\\s", at)) {
            return quantified(alt, at + 2) ? ANY : SPACE;
        }
        if (at >= alt.length()) {
            return ANY;
        }
        char c = alt.charAt(at);
        boolean plain = c < 128 && !Character.isLetterOrDigit(c) && c != ' ' && "\\^$.|?*+()[]{}#".indexOf(c) < 0;
        return plain && !quantified(alt, at + 1) ? c : ANY;
    }

    /** A quantifier at {@code at} that may repeat the preceding atom zero times ('+' keeps at least one). */
    private static boolean quantified(String s, int at) {
        if (at >= s.length()) {
            return false;
        }
        char c = s.charAt(at);
        return c == '?' || c == '*' || c == '{';
    }

    /** The index after a '?' or '*' quantifier at {@code at} (and its lazy or possessive mark), or -1 for others. */
    private static int optionalEnd(String s, int at) {
        if (s.charAt(at) != '?' && s.charAt(at) != '*') {
            return -1;
        }
        int end = at + 1;
        return end < s.length() && (s.charAt(end) == '?' || s.charAt(end) == '+') ? end + 1 : end;
    }

    /** The index of the ')' closing the group opened at {@code open}, or -1. */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i = skip(s, i)) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index after the token at {@code i}: an escape pair or a whole character class count as one token. */
    private static int skip(String s, int i) {
        if (i >= s.length()) {
            return i + 1;
        }
        char c = s.charAt(i);
        if (c == '\\') {
            return i + 2;
        }
        if (c != '[') {
            return i + 1;
        }
        int k = i + 1;
        if (k < s.length() && s.charAt(k) == '^') {
            k++;
        }
        if (k < s.length() && s.charAt(k) == ']') {
            k++;
        }
        int depth = 1;
        while (k < s.length() && depth > 0) {
            char d = s.charAt(k);
            if (d == '\\') {
                k += 2;
                continue;
            }
            depth += d == '[' ? 1 : d == ']' ? -1 : 0;
            k++;
        }
        return k;
    }
}
