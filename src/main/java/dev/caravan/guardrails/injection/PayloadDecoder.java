package dev.caravan.guardrails.injection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds encoded runs (base64, base32, hex, URL-encoding, binary octets, decimal character codes) in the original text
 * and decodes those that turn into readable text, so the rules can read what the encoding hid. Bounded: only runs of
 * plausible length, at most a handful per text.
 */
final class PayloadDecoder {
    /** A decoded run: its span in the scanned text and what it says. */
    record Payload(int start, int end, String decoded) {}

    // Compiled once: String.replaceAll, matches and split compile their regex on every call.
    private static final Pattern HEX_PREFIXES = Pattern.compile("\\\\x|0x");
    private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]+=*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");
    private static final Pattern NOT_HEX = Pattern.compile("[^0-9a-fA-F]");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[ ,]+");
    private static final int MIN_BASE64 = 20;
    private static final int MAX_RUN = 16_384;
    private static final int MAX_PAYLOADS = 8;
    private static final int MAX_ATTEMPTS = 24;

    List<Payload> decode(String text) {
        int i = start(text);
        if (i < 0) {
            return List.of();
        }
        List<Payload> out = new ArrayList<>(0);
        int n = text.length();
        int attempts = 0;
        while (i < n && out.size() < MAX_PAYLOADS && attempts < MAX_ATTEMPTS) {
            char c = text.charAt(i);
            if (c == '%') {
                int end = urlRunEnd(text, i);
                if (end > 0) {
                    addIfReadable(out, i, end, urlDecode(text, i, end));
                    i = end;
                    continue;
                }
            }
            if (!runChar(c)) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && end - i < MAX_RUN && (runChar(text.charAt(end)) || separatedDigitRun(text, end))) {
                end++;
            }
            if (end - i >= MIN_BASE64) {
                attempts++;
                String run = text.substring(i, end);
                String decoded = decodeRun(run);
                if (decoded != null) {
                    addIfReadable(out, i, end, decoded);
                } else {
                    int urlStart = run.indexOf('%');
                    if (urlStart >= 0 && urlRunEnd(text, i + urlStart) > 0) {
                        int urlEnd = urlRunEnd(text, i + urlStart);
                        addIfReadable(out, i, Math.max(end, urlEnd), urlDecode(text, i, Math.max(end, urlEnd)));
                        end = Math.max(end, urlEnd);
                    }
                }
            }
            i = Math.max(end, i + 1);
        }
        return out;
    }

    /**
     * Where decode may start: 0 when a '%' comes before the first run of at least {@code MIN_BASE64} chars ends, else
     * where that run starts (nothing before it can be decoded), or -1 when there is neither (nothing can be). Each
     * window of {@code MIN_BASE64} chars is read from its end: a char outside a run rules out every window holding it,
     * so prose is read at about one char in four, and no char more than twice.
     */
    static int start(String text) {
        int n = text.length();
        int runStart = -1;
        int i = 0;
        while (i + MIN_BASE64 <= n) {
            int j = i + MIN_BASE64 - 1;
            while (j >= i && inRun(text, j)) {
                j--;
            }
            if (j < i) {
                runStart = i;
                break;
            }
            i = j + 1;
        }
        if (runStart < 0) {
            return text.indexOf('%') >= 0 ? 0 : -1;
        }
        for (int k = 0; k < runStart + MIN_BASE64; k++) {
            if (text.charAt(k) == '%') {
                return 0;
            }
        }
        return runStart;
    }

    /** Whether the char at {@code at} belongs to a run: a run char, or a separator between two digits in one. */
    private static boolean inRun(String text, int at) {
        char c = text.charAt(at);
        // The digit before a separator must itself be in the run, so a run char, not just any Unicode digit.
        return runChar(c)
                || ((c == ' ' || c == ',') && at > 0 && runChar(text.charAt(at - 1)) && separatedDigitRun(text, at));
    }

    private static final boolean[] RUN_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            RUN_CHARS[c] = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "+/=_-:%".indexOf(c) >= 0;
        }
    }

    private static boolean runChar(char c) {
        return c < 128 && RUN_CHARS[c];
    }

    /** Binary octets and character codes come separated by spaces or commas; keep those inside one run. */
    private static boolean separatedDigitRun(String text, int at) {
        char c = text.charAt(at);
        if (c != ' ' && c != ',') {
            return false;
        }
        return at > 0
                && at + 1 < text.length()
                && Character.isDigit(text.charAt(at - 1))
                && Character.isDigit(text.charAt(at + 1));
    }

    private static String decodeRun(String run) {
        // Hand-written shape checks: java.util.regex recurses once per repeated group and overflows the stack on long
        // runs.
        if (binaryOctets(run)) {
            return bytes(octets(run, 2, 8));
        }
        if (charCodeList(run)) {
            return charCodes(run);
        }
        if (hexBytes(run) && (run.length() - separators(run)) % 2 == 0) {
            return bytes(octets(HEX_PREFIXES.matcher(run).replaceAll(""), 16, 2));
        }
        String trimmed = valuePart(trimEdgeMarks(run));
        if (trimmed.length() >= 24 && BASE32.matcher(trimmed).matches() && trimmed.length() % 8 == 0) {
            return base32(trimmed);
        }
        if (trimmed.length() >= MIN_BASE64 && BASE64.matcher(trimmed).matches() && mixedCase(trimmed)) {
            try {
                String clean = trimmed.replace('-', '+').replace('_', '/');
                byte[] raw = Base64.getMimeDecoder().decode(clean);
                return bytes(raw);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Six or more groups of eight 0/1 digits, each optionally followed by one of {@code " ,/:"}. */
    private static boolean binaryOctets(String run) {
        int i = 0;
        int groups = 0;
        int n = run.length();
        while (i < n) {
            for (int k = 0; k < 8; k++, i++) {
                if (i >= n || (run.charAt(i) != '0' && run.charAt(i) != '1')) {
                    return false;
                }
            }
            groups++;
            if (i < n && " ,/:".indexOf(run.charAt(i)) >= 0) {
                i++;
                if (i == n) {
                    return false;
                }
            }
        }
        return groups >= 6;
    }

    /** Eight or more numbers of two or three digits separated by spaces or commas. */
    private static boolean charCodeList(String run) {
        int i = 0;
        int numbers = 0;
        int n = run.length();
        while (i < n) {
            int start = i;
            while (i < n && run.charAt(i) >= '0' && run.charAt(i) <= '9') {
                i++;
            }
            if (i - start < 2 || i - start > 3) {
                return false;
            }
            numbers++;
            int separators = i;
            while (i < n && (run.charAt(i) == ' ' || run.charAt(i) == ',')) {
                i++;
            }
            if (i == n && separators < n) {
                return false;
            }
        }
        return numbers >= 8;
    }

    /** Ten or more hex bytes, each optionally prefixed {@code \x} or {@code 0x} and followed by one of {@code " :,-"}. */
    private static boolean hexBytes(String run) {
        int i = 0;
        int bytes = 0;
        int n = run.length();
        while (i < n) {
            if (i + 1 < n && (run.charAt(i) == '\\' || run.charAt(i) == '0') && run.charAt(i + 1) == 'x') {
                i += 2;
            }
            if (i + 1 >= n || !isHex(run.charAt(i)) || !isHex(run.charAt(i + 1))) {
                return false;
            }
            i += 2;
            bytes++;
            if (i < n && " :,-".indexOf(run.charAt(i)) >= 0) {
                i++;
            }
        }
        return bytes >= 10;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** How many of {@code " ,/:"} the run holds. */
    private static int separators(String run) {
        int count = 0;
        for (int k = 0; k < run.length(); k++) {
            char c = run.charAt(k);
            count += c == ' ' || c == ',' || c == '/' || c == ':' ? 1 : 0;
        }
        return count;
    }

    /** The run without the {@code :}, {@code _} and {@code -} it starts or ends with (a run holds no line break). */
    static String trimEdgeMarks(String run) {
        int start = 0;
        int end = run.length();
        while (start < end && edgeMark(run.charAt(start))) {
            start++;
        }
        while (end > start && edgeMark(run.charAt(end - 1))) {
            end--;
        }
        return run.substring(start, end);
    }

    private static boolean edgeMark(char c) {
        return c == ':' || c == '_' || c == '-';
    }

    /** In {@code key=value} or {@code key:value} only the value can be an encoding. */
    private static String valuePart(String run) {
        int body = run.length();
        while (body > 0 && run.charAt(body - 1) == '=') {
            body--;
        }
        int cut = Math.max(run.lastIndexOf('=', body - 1), run.lastIndexOf(':', body - 1));
        return cut >= 0 ? run.substring(cut + 1) : run;
    }

    private static boolean mixedCase(String s) {
        boolean upper = false;
        boolean lower = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    private static byte[] octets(String run, int radix, int width) {
        String digits = NOT_HEX.matcher(run).replaceAll("");
        byte[] out = new byte[digits.length() / width];
        for (int k = 0; k < out.length; k++) {
            out[k] = (byte) Integer.parseInt(digits.substring(k * width, k * width + width), radix);
        }
        return out;
    }

    private static String charCodes(String run) {
        StringBuilder sb = new StringBuilder();
        for (String part : LIST_SEPARATORS.split(run)) {
            int code = Integer.parseInt(part);
            if (code < 9 || code > 126) {
                return null;
            }
            sb.append((char) code);
        }
        return sb.toString();
    }

    private static String base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int k = 0; k < s.length() && s.charAt(k) != '='; k++) {
            buffer = (buffer << 5) | alphabet.indexOf(s.charAt(k));
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        return bytes(out.toByteArray());
    }

    private static int urlRunEnd(String text, int from) {
        int escapes = 0;
        int end = from;
        int n = text.length();
        while (end < n && end - from < MAX_RUN) {
            char c = text.charAt(end);
            if (c == '%' && end + 2 < n && hex(text.charAt(end + 1)) && hex(text.charAt(end + 2))) {
                escapes++;
                end += 3;
            } else if (c > ' ' && c < 0x7F && c != '"' && c != '\'') {
                end++;
            } else {
                break;
            }
        }
        return escapes >= 3 ? end : -1;
    }

    private static String urlDecode(String text, int from, int to) {
        try {
            return java.net.URLDecoder.decode(text.substring(from, to).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String bytes(byte[] raw) {
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** Decoded text counts only when it reads like words: mostly printable, with letters and spaces. */
    private static void addIfReadable(List<Payload> out, int start, int end, String decoded) {
        if (decoded == null || decoded.length() < 8) {
            return;
        }
        int letters = 0;
        int spaces = 0;
        int bad = 0;
        for (int k = 0; k < decoded.length(); k++) {
            char c = decoded.charAt(k);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == ' ') {
                spaces++;
            } else if (c < ' ' && c != '\n' && c != '\t' || c == '\uFFFD') {
                bad++;
            }
        }
        if (bad * 20 <= decoded.length() && letters * 2 >= decoded.length() && spaces >= 1) {
            out.add(new Payload(start, end, decoded));
        }
    }
}
