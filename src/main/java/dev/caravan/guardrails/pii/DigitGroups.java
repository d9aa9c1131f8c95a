package dev.caravan.guardrails.pii;

import java.util.Arrays;

/**
 * One run of ASCII digit groups joined by short separators, as numbers are written in prose: "(305) 555-0193",
 * "4337 7232 6392 2398", "+46 (0)157 548 89". Reused across the runs of one scan.
 */
final class DigitGroups {
    /** Separator between two groups: a single space, a single hyphen, a single dot, or anything else allowed. */
    static final char SPACE = ' ';

    static final char HYPHEN = '-';
    static final char DOT = '.';
    static final char OTHER = '~';

    private static final int MAX_SEPARATOR = 3;

    int start;
    int end;
    int count;
    int totalDigits;
    boolean dotted;
    int[] groupStart = new int[8];
    int[] groupEnd = new int[8];
    /** {@code separator[k]} joins group k-1 and group k; {@code separator[0]} is unused. */
    char[] separator = new char[8];

    /**
     * Reads the run whose first digit is at {@code first}; {@code start} includes a leading '+' or '(' that belongs
     * to it. Returns false when the run is glued to a word and so is part of an identifier.
     */
    boolean read(String text, int first) {
        count = 0;
        totalDigits = 0;
        dotted = false;
        start = first;
        if (first > 0 && (text.charAt(first - 1) == '+' || text.charAt(first - 1) == '(')) {
            start = first - 1;
        }
        int n = text.length();
        int i = first;
        char joinedBy = OTHER;
        while (true) {
            int g = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            add(g, i, joinedBy);
            totalDigits += i - g;
            dotted |= joinedBy == DOT;
            int next = separatorEnd(text, i);
            if (next < 0) {
                break;
            }
            joinedBy = kind(text, i, next);
            i = next;
        }
        end = groupEnd[count - 1];
        if (end < n && gluedAfter(text, end)) {
            count--;
            if (count == 0) {
                return false;
            }
            totalDigits -= groupEnd[count] - groupStart[count];
            end = groupEnd[count - 1];
        }
        return true;
    }

    int digits(int from, int to) {
        int d = 0;
        for (int k = from; k <= to; k++) {
            d += groupEnd[k] - groupStart[k];
        }
        return d;
    }

    int length(int k) {
        return groupEnd[k] - groupStart[k];
    }

    /** The digits of groups {@code from..to}, without separators. */
    String digitString(String text, int from, int to) {
        StringBuilder sb = new StringBuilder(24);
        for (int k = from; k <= to; k++) {
            sb.append(text, groupStart[k], groupEnd[k]);
        }
        return sb.toString();
    }

    /** True when groups {@code from..to} are all joined by the same separator, which is a space or a hyphen. */
    boolean uniformlyJoined(int from, int to) {
        if (from == to) {
            return true;
        }
        char s = separator[from + 1];
        if (s != SPACE && s != HYPHEN) {
            return false;
        }
        for (int k = from + 2; k <= to; k++) {
            if (separator[k] != s) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when groups {@code from..to} stand alone: the run does not continue them with the same separator (nor, for
     * a single group, with a hyphen or dot), so they are not a slice of a longer code.
     */
    boolean standsAlone(int from, int to) {
        char inner = from == to ? HYPHEN : separator[from + 1];
        boolean before = from > 0 && (separator[from] == inner || separator[from] == DOT || separator[from] == HYPHEN);
        boolean after = to + 1 < count
                && (separator[to + 1] == inner || separator[to + 1] == DOT || separator[to + 1] == HYPHEN);
        return !before && !after;
    }

    private static final String[] PHONE_LABELS = {"tel", "cell", "phone", "mobile", "fax", "voice"};

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** True when a run may start at this digit: it does not continue a word, a number or a dotted/hyphenated code. */
    static boolean startsRun(String text, int i) {
        if (i == 0) {
            return true;
        }
        char p = text.charAt(i - 1);
        if (Character.isLetterOrDigit(p) || p == '_') {
            return false;
        }
        if (p == '-' || p == '.' || p == '/' || p == ':' || p == '+' || p == '(') {
            return i < 2
                    || !(Character.isLetterOrDigit(text.charAt(i - 2)) || text.charAt(i - 2) == '_')
                    || p == ':' && phoneLabel(text, i - 1);
        }
        return true;
    }

    /** "tel:0740…", "TEL;TYPE=cell:0740…", "Phone:0740…": a phone field's label written hard against its value. */
    static boolean phoneLabel(String text, int colon) {
        char last = (char) (text.charAt(colon - 1) | 0x20);
        if (last != 'l' && last != 'e' && last != 'x') {
            return false; // every label ends in one of these
        }
        for (String label : PHONE_LABELS) {
            int at = colon - label.length();
            if (at >= 0
                    && text.regionMatches(true, at, label, 0, label.length())
                    && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))) {
                return true;
            }
        }
        return false;
    }

    private void add(int s, int e, char sep) {
        if (count == groupStart.length) {
            groupStart = Arrays.copyOf(groupStart, count * 2);
            groupEnd = Arrays.copyOf(groupEnd, count * 2);
            separator = Arrays.copyOf(separator, count * 2);
        }
        groupStart[count] = s;
        groupEnd[count] = e;
        separator[count] = sep;
        count++;
    }

    /** The index of the next group's first digit when a short separator follows {@code i}, else -1. */
    private static int separatorEnd(String text, int i) {
        int n = text.length();
        int spaces = 0;
        int j = i;
        while (j < n && j - i < MAX_SEPARATOR) {
            char c = text.charAt(j);
            if (c == ' ' || c == '\u00A0' || c == '\u202F') {
                spaces++;
            } else if (c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && c != '\u2011') {
                break;
            }
            j++;
        }
        if (j == i || spaces > 1 || j >= n || !isDigit(text.charAt(j))) {
            return -1;
        }
        return j;
    }

    private static char kind(String text, int from, int to) {
        if (to - from != 1) {
            return OTHER;
        }
        char c = text.charAt(from);
        return switch (c) {
            case ' ', '\u00A0', '\u202F' -> SPACE;
            case '-', '\u2011' -> HYPHEN;
            case '.' -> DOT;
            default -> OTHER;
        };
    }

    /**
     * A digit run directly followed by a letter, or by a hyphen or dot and a letter or digit, is part of a code; "x"
     * and digits is a phone extension.
     */
    private static boolean gluedAfter(String text, int end) {
        char c = text.charAt(end);
        if (c == 'x' && end + 1 < text.length() && isDigit(text.charAt(end + 1))) {
            return false;
        }
        if (Character.isLetterOrDigit(c) || c == '_') {
            return true;
        }
        if ((c == '-' || c == '.') && end + 1 < text.length()) {
            char d = text.charAt(end + 1);
            return (Character.isLetterOrDigit(d) || d == '_') && !labelWord(text, end + 1);
        }
        return false;
    }

    /** "8211-Office" or "815-Fax": a word of three or more letters after a hyphen labels the number, not extends it. */
    private static boolean labelWord(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i - from >= 3
                && (i == text.length() || !(Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'));
    }
}
