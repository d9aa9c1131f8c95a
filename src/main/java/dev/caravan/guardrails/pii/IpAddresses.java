package dev.caravan.guardrails.pii;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.List;

/**
 * Finds IPv4 dotted quads and RFC 4291 IPv6 addresses. Private, loopback, link-local, documentation and multicast
 * addresses identify no one, so they score below the default threshold; public ones score high.
 */
final class IpAddresses {
    private static final double PUBLIC = 0.85;
    private static final double INTERNAL = 0.45;
    private static final int MAX_V6 = 45;

    private static final ContextWords VERSION_CUES =
            new ContextWords(20, 0, "version", "ver$", "v$", "release", "build", "firmware", "sdk", "oid");

    private IpAddresses() {}

    /** Adds every dotted quad in the run that is exactly four dot-joined groups of 0-255. */
    static void findV4(String text, DigitGroups g, List<Finding> out) {
        int k = 0;
        while (k < g.count) {
            int m = k;
            while (m + 1 < g.count && g.separator[m + 1] == DigitGroups.DOT) {
                m++;
            }
            if (m - k == 3) {
                quad(text, g, k, out);
            }
            k = m + 1;
        }
    }

    private static void quad(String text, DigitGroups g, int k, List<Finding> out) {
        int[] octet = new int[4];
        for (int i = 0; i < 4; i++) {
            int len = g.length(k + i);
            if (len > 3 || (len > 1 && text.charAt(g.groupStart[k + i]) == '0')) {
                return;
            }
            octet[i] = Integer.parseInt(text, g.groupStart[k + i], g.groupEnd[k + i], 10);
            if (octet[i] > 255) {
                return;
            }
        }
        int s = g.groupStart[k];
        int e = g.groupEnd[k + 3];
        if (VERSION_CUES.near(text, s, e)) {
            return;
        }
        out.add(new Finding(s, e, Category.IP_ADDRESS, internalV4(octet) ? INTERNAL : PUBLIC));
    }

    private static boolean internalV4(int[] o) {
        return o[0] == 0
                || o[0] == 10
                || o[0] == 127
                || o[0] >= 224
                || (o[0] == 169 && o[1] == 254)
                || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
                || (o[0] == 192 && o[1] == 168)
                || (o[0] == 100 && o[1] >= 64 && o[1] <= 127)
                || (o[0] == 192 && o[1] == 0 && o[2] == 2)
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || (o[0] == 198 && o[1] == 51 && o[2] == 100)
                || (o[0] == 203 && o[1] == 0 && o[2] == 113);
    }

    /** Examines the hex-and-colon token around the ':' at {@code colon}; returns where scanning should resume. */
    static int findV6(String text, int colon, List<Finding> out) {
        int n = text.length();
        int s = colon;
        while (s > 0 && colon - s <= MAX_V6 && isV6Char(text.charAt(s - 1))) {
            s--;
        }
        int e = colon;
        while (e < n && (isV6Char(text.charAt(e)) || text.charAt(e) == '.')) {
            e++;
            if (e - s > MAX_V6) {
                // Longer than any address: skip the whole run so a flood of ':' costs one pass.
                while (e < n && (isV6Char(text.charAt(e)) || text.charAt(e) == '.')) {
                    e++;
                }
                return e;
            }
        }
        if (colon - s > MAX_V6) {
            return e;
        }
        while (e > colon && text.charAt(e - 1) == '.') {
            e--;
        }
        int resume = Math.max(colon + 1, e);
        boolean bounded = (s == 0 || !isWordChar(text.charAt(s - 1))) && (e == n || !isWordChar(text.charAt(e)));
        if (!bounded || e - s < 3) {
            return resume;
        }
        double score = V6.score(text, s, e);
        if (score > 0) {
            out.add(new Finding(s, e, Category.IP_ADDRESS, score));
        }
        return resume;
    }

    private static boolean isV6Char(char c) {
        return c == ':' || Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    /** Parses one candidate token as an IPv6 address. */
    private static final class V6 {
        private V6() {}

        /** The token's score, or 0 when it is not an address (times, MAC addresses, "::" alone, "Foo::bar"). */
        static double score(String text, int s, int e) {
            int groups = 0;
            int compressions = 0;
            boolean digit = false;
            boolean v4Tail = false;
            int firstValue = -1;
            int i = s;
            if (text.startsWith("::", i)) {
                compressions = 1;
                i += 2;
            }
            while (i < e) {
                int g = i;
                while (i < e && text.charAt(i) != ':' && text.charAt(i) != '.') {
                    digit |= DigitGroups.isDigit(text.charAt(i));
                    i++;
                }
                if (i < e && text.charAt(i) == '.') {
                    if (!dottedTail(text, g, e)) {
                        return 0;
                    }
                    v4Tail = true;
                    groups += 2;
                    break;
                }
                int len = i - g;
                if (len == 0 || len > 4) {
                    return 0;
                }
                if (groups == 0) {
                    firstValue = Integer.parseInt(text, g, i, 16);
                }
                groups++;
                if (i == e) {
                    break;
                }
                i++;
                if (i < e && text.charAt(i) == ':') {
                    compressions++;
                    i++;
                } else if (i == e) {
                    return 0;
                }
            }
            boolean complete = compressions == 0 ? groups == 8 : compressions == 1 && groups < 8 && groups >= 2;
            if (!complete || !(digit || v4Tail)) {
                return 0;
            }
            boolean leadingCompression = text.startsWith("::", s);
            return leadingCompression || internalV6(firstValue, text, s) ? INTERNAL : PUBLIC;
        }

        private static boolean dottedTail(String text, int from, int e) {
            int parts = 0;
            int i = from;
            while (i <= e) {
                int g = i;
                while (i < e && DigitGroups.isDigit(text.charAt(i))) {
                    i++;
                }
                if (i == g || i - g > 3 || Integer.parseInt(text, g, i, 10) > 255) {
                    return false;
                }
                parts++;
                if (i == e) {
                    break;
                }
                if (text.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
            return parts == 4;
        }

        /** Outside 2000::/3 global unicast, or the 2001:db8::/32 documentation prefix. */
        private static boolean internalV6(int first, String text, int s) {
            return first < 0x2000 || first > 0x3fff || text.regionMatches(true, s, "2001:db8:", 0, 9);
        }
    }
}
