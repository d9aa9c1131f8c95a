package dev.caravan.guardrails.destructive;

import java.util.regex.Pattern;

/**
 * Fork bombs: a shell function that pipes into itself in the background ({@code :(){ :|:& };:}), a batch file that
 * pipes into itself ({@code %0|%0}), and a process that forks in an endless loop ({@code fork while fork},
 * {@code while True: os.fork()}). They take the machine down until it is rebooted.
 */
final class ForkBombRules {
    private static final int LOOK_BACK = 60;
    private static final Pattern ENDLESS_LOOP = Pattern.compile(
            "(?:(?:\\b|(?<=\\\\n))while\\s*\\(?\\s*(?:true|1)\\s*\\)?\\s*(?::|\\{|;?\\s*do\\b)?|\\bfor\\s*\\(\\s*;\\s*;\\s*\\)\\s*\\{?)"
                    + "(?:\\\\n|\\s)*(?:[\\w$]+\\.)*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FORK_WHILE_FORK = Pattern.compile("\\A\\s+while\\s+fork\\b");

    private ForkBombRules() {}

    /** A cheap test at a {@code |}: the name before it ends with the char the name after it ends with. */
    static boolean shape(String text, int pipe) {
        int l = pipe - 1;
        while (l >= 0 && l > pipe - 3 && text.charAt(l) == ' ') {
            l--;
        }
        int r = pipe + 1;
        while (r < text.length() && r < pipe + 3 && text.charAt(r) == ' ') {
            r++;
        }
        int last = r;
        while (last + 1 < text.length() && last - r < 32 && nameChar(text.charAt(last + 1))) {
            last++;
        }
        return l >= 0 && last < text.length() && nameChar(text.charAt(l)) && text.charAt(l) == text.charAt(last);
    }

    /** At a {@code |}: the same word on both sides, backgrounded, and defined as a function just before. */
    static Hit selfPipe(Spot s) {
        String text = s.text();
        int pipe = s.start();
        int leftEnd = back(text, pipe);
        int leftStart = leftEnd;
        while (leftStart > 0 && leftEnd - leftStart < 32 && nameChar(text.charAt(leftStart - 1))) {
            leftStart--;
        }
        int rightStart = ShellSpan.skipSpaces(text, pipe + 1, Math.min(text.length(), pipe + 8));
        int rightEnd = rightStart;
        while (rightEnd < text.length() && rightEnd - rightStart < 32 && nameChar(text.charAt(rightEnd))) {
            rightEnd++;
        }
        int name = leftEnd - leftStart;
        if (name == 0 || rightEnd - rightStart != name || !text.regionMatches(leftStart, text, rightStart, name)) {
            return null;
        }
        if (name == 2 && text.startsWith("%0", leftStart)) {
            return Hit.shell(leftStart, rightEnd, Hit.STRONG);
        }
        int amp = ShellSpan.skipSpaces(text, rightEnd, Math.min(text.length(), rightEnd + 4));
        if (amp >= text.length() || text.charAt(amp) != '&' || amp + 1 < text.length() && text.charAt(amp + 1) == '&') {
            return null;
        }
        int definition = definition(text, text.substring(leftStart, leftEnd), leftStart);
        if (definition < 0) {
            return null;
        }
        int end = ShellSpan.lineEnd(text, amp, 40);
        int brace = text.indexOf('}', amp);
        if (brace > 0 && brace < end) {
            int call = text.indexOf(text.substring(leftStart, leftEnd), brace);
            end = call > 0 && call < end ? call + name : brace + 1;
        }
        return Hit.shell(definition, end, Hit.STRONG);
    }

    /** At {@code fork}: a call inside an endless loop, or Perl's {@code fork while fork}. */
    static Hit loop(Spot s) {
        String text = s.text();
        if (!Character.isLowerCase(text.charAt(s.start()))) {
            return null;
        }
        int to = Math.min(text.length(), s.end() + 24);
        if (FORK_WHILE_FORK.matcher(text).region(s.end(), to).lookingAt()) {
            return Hit.shell(s.start(), s.end() + text.substring(s.end(), to).indexOf("fork") + 4, Hit.STRONG);
        }
        int open = ShellSpan.skipSpaces(text, s.end(), Math.min(text.length(), s.end() + 2));
        if (open >= text.length() || text.charAt(open) != '(') {
            return null;
        }
        var m = ENDLESS_LOOP.matcher(text).region(Math.max(0, s.start() - LOOK_BACK), s.start());
        return m.find() ? Hit.shell(m.start(), Math.min(text.length(), open + 2), Hit.STRONG) : null;
    }

    /** Where {@code name()} or {@code function name} is declared within the look-back, or -1. */
    private static int definition(String text, String name, int before) {
        int floor = Math.max(0, before - LOOK_BACK);
        for (int at = text.lastIndexOf(name, before - 1); at >= floor; at = text.lastIndexOf(name, at - 1)) {
            int after = ShellSpan.skipSpaces(text, at + name.length(), Math.min(text.length(), at + name.length() + 2));
            boolean declared = text.startsWith("()", after)
                    && (at == 0 || !nameChar(text.charAt(at - 1)))
                    && text.indexOf('{', after) > 0
                    && text.indexOf('{', after) < before;
            if (declared) {
                return at >= 9 && text.startsWith("function ", at - 9) ? at - 9 : at;
            }
        }
        return -1;
    }

    private static int back(String text, int pos) {
        int i = pos;
        while (i > 0 && text.charAt(i - 1) == ' ') {
            i--;
        }
        return i;
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '%' || c == '.';
    }
}
