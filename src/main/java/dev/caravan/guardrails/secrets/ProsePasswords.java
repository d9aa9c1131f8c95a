package dev.caravan.guardrails.secrets;

import java.util.List;

/**
 * Recognises a password given in a sentence: "the wifi password is Xcv#Z195Eo", "my passphrase was set to …". The
 * value is the first word after the verb and must look like a chosen password: a letter and a digit or symbol, not a
 * placeholder, a default or a sequence.
 */
final class ProsePasswords {
    /** The nouns, each starting with "pass" (the scan's cue, see {@link #mayStart}). */
    private static final List<String> NOUNS =
            List.of("password", "passwords", "passwd", "passphrase", "passcode", "passwort", "passe");
    /** The verbs that hand the value over, lower-case, each followed by one space; then, optionally, a change. */
    private static final String[] VERBS = {"is ", "was ", "has been ", "remains ", "ist ", "est ", "es ", "é "};

    private static final String[] CHANGES = {"now ", "still ", "set to ", "changed to ", "reset to ", "updated to "};

    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 64;

    private ProsePasswords() {}

    /** Whether a word that may name a password starts at {@code at}: "pass…", "Pass…", "PASS…". */
    static boolean mayStart(String text, int at) {
        return at + 4 <= text.length() && text.regionMatches(true, at, "pass", 0, 4);
    }

    /** Reports the value of a password sentence whose noun starts at {@code at}; returns where it ends, or -1. */
    static int match(String text, int at, Hits hits) {
        int n = text.length();
        int wordEnd = at;
        while (wordEnd < n && wordEnd - at < 12 && Character.isLetter(text.charAt(wordEnd))) {
            wordEnd++;
        }
        if (wordEnd >= n || text.charAt(wordEnd) != ' ' || !noun(text, at, wordEnd)) {
            return -1; // "password=" is an assignment, read elsewhere
        }
        int i = wordEnd + 1;
        int verbEnd = after(text, i, VERBS);
        int valueAt = after(text, verbEnd < 0 ? i : verbEnd, CHANGES);
        if (valueAt < 0) {
            valueAt = verbEnd;
        }
        if (valueAt < 0) {
            return -1;
        }
        if (valueAt < n
                && (text.charAt(valueAt) == '"' || text.charAt(valueAt) == '\'' || text.charAt(valueAt) == '`')) {
            valueAt++;
        }
        int end = valueAt;
        while (end < n && end - valueAt <= MAX_LENGTH && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        while (end > valueAt && ".,;:!?)\"'`".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        int length = end - valueAt;
        if (length < MIN_LENGTH || length > MAX_LENGTH || !chosen(text, valueAt, end)) {
            return -1;
        }
        hits.add(valueAt, end, 0.8);
        return end;
    }

    private static boolean noun(String text, int from, int to) {
        for (String noun : NOUNS) {
            if (noun.length() == to - from && text.regionMatches(true, from, noun, 0, noun.length())) {
                return true;
            }
        }
        return false;
    }

    /** Where the first of {@code words} that starts at {@code at} ends, or -1. */
    private static int after(String text, int at, String[] words) {
        for (String w : words) {
            if (text.regionMatches(true, at, w, 0, w.length())) {
                return at + w.length();
            }
        }
        return -1;
    }

    /** A letter and a digit or symbol, and none of the signs of a placeholder, default or sequence. */
    private static boolean chosen(String text, int from, int to) {
        boolean letter = false;
        boolean other = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else {
                other = true;
            }
        }
        return letter
                && other
                && text.charAt(from) != '$'
                && text.charAt(from) != '<'
                && text.charAt(from) != '{'
                && CredentialUrls.isPlausiblePassword(text, from, to, "", "");
    }
}
