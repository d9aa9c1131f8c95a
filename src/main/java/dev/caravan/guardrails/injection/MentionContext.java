package dev.caravan.guardrails.injection;

import java.util.regex.Pattern;

/**
 * Lowers the weight of a match that is quoted or discussed rather than meant: "the phrase 'ignore previous
 * instructions' shows up in our logs" talks about an attack without making one.
 */
final class MentionContext {
    /** Words that discuss a quoted phrase: "the phrase '…'", "strings like '…'", "e.g. '…'". */
    private static final CueSearch QUOTE_CUES = new CueSearch(Pattern.compile(
            "\\b(?:phrases?|strings?|patterns?|keywords?|for\\s+example|examples?\\s+(?:of|like|such)|e\\.g\\.|such\\s+as|detect\\w*|classifier\\w*|sanitiz\\w*|regex\\w*|regular\\s+expressions?|pytest|unit\\s+tests?|test\\s+cases?|logs?|triage|definition|prompt\\s+injections?|jailbreak\\s+(?:attempts?|prompts?|attacks?)|red[\\s-]team\\w*|threat\\s+model)\\b",
            Pattern.CASE_INSENSITIVE));
    /** Words that discuss attacks in general, without quoting one. */
    private static final CueSearch TALK_CUES = new CueSearch(Pattern.compile(
            "\\b(?:detect\\w*|classifier\\w*|sanitiz\\w*|regex\\w*|regular\\s+expressions?|pytest|unit\\s+tests?|test\\s+cases?|our\\s+logs|logs\\s+show|triage|definition|prompt\\s+injections?|injection\\s+attacks?|jailbreak\\s+(?:attempts?|prompts?|attacks?)|red[\\s-]team\\w*|threat\\s+model|mitigat\\w*)\\b",
            Pattern.CASE_INSENSITIVE));

    private static final int CUE_REACH = 160;
    private static final double QUOTED = 0.35;
    private static final double DISCUSSED = 0.6;

    /** 1 for a match that reads as meant; less when it is quoted or sits next to words that discuss it. */
    double damping(String text, int start, int end) {
        int from = Math.max(0, start - CUE_REACH);
        int to = Math.min(text.length(), end + CUE_REACH);
        if (quoted(text, start, end) && QUOTE_CUES.find(text, from, to)) {
            return QUOTED;
        }
        return TALK_CUES.find(text, from, to) ? DISCUSSED : 1.0;
    }

    /** Inside a quotation on its line: an odd number of quote marks (apostrophes inside words aside) precede it. */
    private static boolean quoted(String text, int start, int end) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        int doubles = 0;
        int singles = 0;
        int backticks = 0;
        int curly = 0;
        for (int i = lineStart; i < start; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> doubles++;
                case '`' -> backticks++;
                case '“' -> curly++;
                case '”' -> curly = Math.max(0, curly - 1);
                case '\'' -> {
                    boolean inWord = i > 0
                            && i + 1 < text.length()
                            && Character.isLetterOrDigit(text.charAt(i - 1))
                            && Character.isLetterOrDigit(text.charAt(i + 1));
                    singles += inWord ? 0 : 1;
                }
                default -> {}
            }
        }
        return doubles % 2 == 1 || singles % 2 == 1 || backticks % 2 == 1 || curly > 0;
    }
}
