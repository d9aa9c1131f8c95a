package dev.caravan.guardrails.secrets;

/**
 * Recognises an Azure DevOps personal access token, which has no prefix: 52 characters of lower-case base32 ({@code
 * a-z}, {@code 2-7}) shortly after a word that names Azure or ADO ("I set AZURE_DEVOPS_PAT to …", "ado token: …").
 */
final class AzureDevOpsTokens {
    private static final int LENGTH = 52;
    /** How far after the naming word the token may start. */
    private static final int WINDOW = 48;

    private AzureDevOpsTokens() {}

    /** Whether a word that may name Azure or ADO starts at {@code at}: "azu…", "Azu…", "AZU…", "ado", "ADO". */
    static boolean mayStart(String text, int at) {
        char second = (char) (text.charAt(at + 1) | 0x20);
        if (second != 'z' && second != 'd') {
            return false;
        }
        int end = letters(text, at);
        int length = end - at;
        return (length == 5 && text.regionMatches(true, at, "azure", 0, 5))
                || (length == 3 && text.regionMatches(true, at, "ado", 0, 3));
    }

    /** Reports the first token in the window after the naming word at {@code at}; returns where it ends, or -1. */
    static int match(String text, int at, Hits hits) {
        int n = text.length();
        int from = letters(text, at);
        int limit = Math.min(n - LENGTH, from + WINDOW);
        for (int i = from; i <= limit; i++) {
            if (!base32(text.charAt(i)) || TokenAlphabet.isAlnum(text.charAt(i - 1))) {
                continue;
            }
            int end = i;
            boolean digit = false;
            while (end < n && end - i <= LENGTH && base32(text.charAt(end))) {
                digit |= text.charAt(end) <= '7';
                end++;
            }
            if (end - i == LENGTH && digit && (end == n || !TokenAlphabet.isAlnum(text.charAt(end)))) {
                hits.add(i, end, 0.85);
                return end;
            }
            i = end;
        }
        return -1;
    }

    private static boolean base32(char c) {
        return c >= 'a' && c <= 'z' || c >= '2' && c <= '7';
    }

    private static int letters(String text, int at) {
        int i = at;
        while (i < text.length() && i - at < 6 && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
