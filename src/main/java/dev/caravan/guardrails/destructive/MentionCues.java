package dev.caravan.guardrails.destructive;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Tells a command that is talked about from one that is asked for: the sentence before it asks what it does, warns
 * against it, or describes a rule that blocks it. Only the sentence before the command, on its line, is read.
 */
final class MentionCues {
    private static final int SENTENCE_WINDOW = 160;
    private static final Pattern TALK = Pattern.compile(
            "\\b(?:what(?:'s| is| does| do| happens| would| will)"
                    + "|why|how (?:do|does|did|can|could|should|would|to|is|are)|when (?:should|do|does|is|would|to)"
                    + "|explain\\w*|meaning of|difference between|is it (?:safe|ok|okay|dangerous|bad|a good idea|wise)"
                    + "|never|don'?t|do not|avoid\\w*|prevent\\w*|block(?:s|ed|ing)?|detect\\w*|contain(?:s|ed|ing)?"
                    + "|warn(?:s|ed|ing)?|incident|accidentally|someone ran|flag(?:s|ged)?|alert\\w*|forbid\\w*"
                    + "|disallow\\w*|deny|denies|reject\\w*|catch(?:es)?|refuse\\w*|example of|such as"
                    + "|prints|printed|outputs|displays"
                    + "|(?:docs?|documentation|manual|man page|readme|runbook|guide) (?:says?|said|states?|notes?))\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * The literal words TALK can begin with ({@code don} stands for {@code don't}/{@code dont}). Each alternative of TALK
     * starts with one of them, so a sentence without any of them cannot match, and the regex is skipped: on
     * trigger-dense input the regex, tried at every position of every sentence, was the largest cost.
     */
    private static final String[] LEADS = {
        "what",
        "why",
        "how ",
        "when ",
        "explain",
        "meaning of",
        "difference between",
        "is it ",
        "never",
        "don",
        "do not",
        "avoid",
        "prevent",
        "block",
        "detect",
        "contain",
        "warn",
        "incident",
        "accidentally",
        "someone ran",
        "flag",
        "alert",
        "forbid",
        "disallow",
        "deny",
        "denies",
        "reject",
        "catch",
        "refuse",
        "example of",
        "such as",
        "print",
        "outputs",
        "displays",
        "doc",
        "manual",
        "man page",
        "readme",
        "runbook",
        "guide"
    };
    /** LEADS by their first letter, 'a' to 'z'. */
    private static final String[][] LEADS_BY_LETTER = new String[26][];
    /** Per first letter, a bit per second letter of the LEADS that begin with it: most words fail on these two. */
    private static final int[] SECOND_LETTERS = new int[26];
    /** The shortest lead: a word closer than this to the region's end cannot begin one. */
    private static final int SHORTEST_LEAD =
            Arrays.stream(LEADS).mapToInt(String::length).min().orElseThrow();

    static {
        for (char letter = 'a'; letter <= 'z'; letter++) {
            char first = letter;
            LEADS_BY_LETTER[letter - 'a'] =
                    Arrays.stream(LEADS).filter(w -> w.charAt(0) == first).toArray(String[]::new);
        }
        for (String lead : LEADS) {
            SECOND_LETTERS[lead.charAt(0) - 'a'] |= 1 << (lead.charAt(1) - 'a');
        }
    }

    /** The words a yes/no question about a command opens with; "Before I run …, what …?" asks about it too. */
    private static final String[] QUESTION_OPENERS = {
        "is", "are", "does", "did", "was", "were", "should i", "should we", "can i", "could i", "is there", "before"
    };

    private MentionCues() {}

    /** True when the sentence leading up to start (on the same line) talks about the command instead of asking for it. */
    static boolean talkedAbout(String text, int start) {
        int floor = Math.max(0, start - SENTENCE_WINDOW);
        int i = start;
        while (i > floor) {
            char c = text.charAt(i - 1);
            if (c == '\n') {
                break;
            }
            if ((c == '.' || c == '?' || c == '!') && i < start && Character.isWhitespace(text.charAt(i))) {
                break;
            }
            i--;
        }
        if (i == start) {
            return false;
        }
        if (anyLead(text, i, start, floor)
                && TALK.matcher(text).region(i, start).find()) {
            return true;
        }
        // Only a sentence whose start was found can open with a question word; most cut windows begin mid-word.
        return (i == 0 || i > floor) && yesNoQuestion(text, i, start);
    }

    /**
     * "Is `terraform apply -destroy` the same as …?", "Should I run …?": a question that asks whether, not a request
     * ("Can you run …?" asks for it), or "Before you run …, what will it remove?". The sentence has to open with the
     * question word and end with a question mark.
     */
    private static boolean yesNoQuestion(String text, int sentence, int start) {
        int p = sentence;
        while (p < start && (Character.isWhitespace(text.charAt(p)) || "*-#>\"'(".indexOf(text.charAt(p)) >= 0)) {
            p++;
        }
        if (p >= start || "iadwscb".indexOf(text.charAt(p) | 0x20) < 0) {
            return false;
        }
        boolean opens = false;
        for (String w : QUESTION_OPENERS) {
            if (p + w.length() < start
                    && text.regionMatches(true, p, w, 0, w.length())
                    && !Character.isLetterOrDigit(text.charAt(p + w.length()))) {
                opens = true;
                break;
            }
        }
        if (!opens) {
            return false;
        }
        int limit = Math.min(text.length(), start + 2 * SENTENCE_WINDOW);
        for (int k = start; k < limit; k++) {
            char c = text.charAt(k);
            if (c == '\n') {
                return false;
            }
            boolean last = k + 1 == text.length() || Character.isWhitespace(text.charAt(k + 1));
            if (c == '?' && last) {
                return true;
            }
            if ((c == '.' || c == '!') && last) {
                return false;
            }
        }
        return false;
    }

    /**
     * True when a lead word begins somewhere in the sentence [from, end); the sentence's start (a stop character or
     * the window's floor) is a word boundary too, just as TALK's \b sees it at the region's start.
     */
    private static boolean anyLead(String text, int from, int end, int floor) {
        for (int p = from; p < end; p++) {
            if (leadAt(text, p, end, p == floor || !asciiWord(text.charAt(p - 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A necessary condition for TALK to match at p: a word boundary there and one of the lead words, within the
     * region's end. Case folding is ASCII, as in TALK.
     */
    private static boolean leadAt(String text, int p, int end, boolean boundary) {
        char c = text.charAt(p);
        int letter = (c | 0x20) - 'a';
        if (!boundary || c >= 128 || letter < 0 || letter >= 26 || p + SHORTEST_LEAD > end) {
            return false;
        }
        char second = text.charAt(p + 1);
        int secondLetter = (second >= 'A' && second <= 'Z' ? second + 32 : second) - 'a';
        if (secondLetter < 0 || secondLetter >= 26 || (SECOND_LETTERS[letter] & 1 << secondLetter) == 0) {
            return false;
        }
        for (String lead : LEADS_BY_LETTER[letter]) {
            if (p + lead.length() <= end && startsWithLower(text, p, lead)) {
                return true;
            }
        }
        return false;
    }

    private static boolean asciiWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean startsWithLower(String text, int at, String lead) {
        for (int k = 1; k < lead.length(); k++) {
            char c = text.charAt(at + k);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            if (lower != lead.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
