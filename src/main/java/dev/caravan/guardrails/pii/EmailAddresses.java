package dev.caravan.guardrails.pii;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds e-mail addresses around an {@code @}: a local part, and a domain of at least two labels whose top level is
 * letters or punycode. Decorators, mentions, npm specifiers, user@IP, URL credentials and scp-style git remotes
 * ({@code git@host:org/repo}) are not addresses of a person and are skipped.
 */
final class EmailAddresses {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    /** Image and asset names such as "icon@2x.png" look like addresses. */
    private static final Set<String> FILE_SUFFIXES =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "pdf", "js", "css", "ts");

    private EmailAddresses() {}

    /** Adds the address around the {@code @} at {@code at}, if any; returns where scanning should resume. */
    static int find(String text, int at, List<Finding> out) {
        int start = at;
        while (start > 0 && at - start <= MAX_LOCAL && isLocalChar(text.charAt(start - 1))) {
            start--;
        }
        while (start < at && text.charAt(start) == '.') {
            start++;
        }
        int domainEnd = domainEnd(text, at + 1);
        if (start == at || at - start > MAX_LOCAL || domainEnd < 0) {
            return Math.max(at + 1, domainEnd);
        }
        if (!wellFormedLocal(text, start, at) || credentialOrRemote(text, start, domainEnd)) {
            return domainEnd;
        }
        out.add(new Finding(start, domainEnd, Category.PII_EMAIL, 0.95));
        return domainEnd;
    }

    private static boolean wellFormedLocal(String text, int start, int at) {
        for (int i = start + 1; i < at; i++) {
            if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
                return false;
            }
        }
        return text.charAt(at - 1) != '.';
    }

    private static boolean isLocalChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isLabelChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-';
    }

    /** The end of a valid domain starting at {@code from}, or -1. */
    private static int domainEnd(String text, int from) {
        int n = Math.min(text.length(), from + MAX_DOMAIN);
        int i = from;
        int labels = 0;
        int lastLabel = from;
        int end = -1;
        while (i < n) {
            int s = i;
            while (i < n && isLabelChar(text.charAt(i))) {
                i++;
            }
            if (i == s || text.charAt(s) == '-' || text.charAt(i - 1) == '-') {
                break;
            }
            labels++;
            lastLabel = s;
            end = i;
            if (i + 1 < n && text.charAt(i) == '.' && isLabelChar(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (labels < 2 || !topLevel(text, lastLabel, end)) {
            return -1;
        }
        return end;
    }

    private static boolean topLevel(String text, int s, int e) {
        if (e - s > 4 && text.regionMatches(true, s, "xn--", 0, 4)) {
            return true;
        }
        if (e - s < 2) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return !FILE_SUFFIXES.contains(text.substring(s, e).toLowerCase(Locale.ROOT));
    }

    /** "scheme://user:pw@host" and "//git@host" carry credentials; "git@host:org/repo" is a remote, not a mailbox. */
    private static boolean credentialOrRemote(String text, int start, int domainEnd) {
        if (start > 0) {
            char p = text.charAt(start - 1);
            if (p == '/' || (p == ':' && !text.regionMatches(true, Math.max(0, start - 7), "mailto:", 0, 7))) {
                return true;
            }
        }
        return domainEnd + 1 < text.length()
                && text.charAt(domainEnd) == ':'
                && !Character.isWhitespace(text.charAt(domainEnd + 1));
    }
}
