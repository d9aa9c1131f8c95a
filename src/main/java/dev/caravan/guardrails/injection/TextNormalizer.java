package dev.caravan.guardrails.injection;

import java.text.Normalizer;

/**
 * Folds text for keyword matching (NFKC, invisible and tag characters, homoglyphs, leetspeak, spaced letters) while
 * keeping an offset map to the original; plain ASCII prose takes a fast path that returns the text untouched.
 */
final class TextNormalizer {
    private static final char[] HOMOGLYPHS = new char[0x530];
    private static final int LEET_VARIANT_LIMIT = 65_536;

    static {
        fold("аa вb еe ёe кk мm нh оo рp сc тt уy хx іi їi јj ѕs ԁd һh ԛq ԝw ӏl");
        fold("Аa ВB ЕE ЁE КK МM НH ОO РP СC ТT УY ХX ІI ЈJ ЅS");
        fold("αa βb εe ιi κk νv οo ρp τt υu χx γy ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX");
    }

    /** Every BMP char lower-cased, as {@link Character#toLowerCase(char)} would: one load instead of its case tables. */
    private static final char[] LOWER = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            LOWER[c] = Character.toLowerCase((char) c);
        }
    }

    private static void fold(String pairs) {
        for (String pair : pairs.split(" ")) {
            HOMOGLYPHS[pair.charAt(0)] = Character.toLowerCase(pair.charAt(1));
        }
    }

    /** The folded, lower-cased text; with an identity offset map when nothing but case needed folding. */
    NormalizedText normalize(String text) {
        char[] lowered = new char[text.length()];
        if (!needsFolding(text, lowered)) {
            // ASCII lower-casing keeps every offset, so the original spans still apply.
            return NormalizedText.identity(lowered);
        }
        Buffer first = decodeCodePoints(text);
        boolean[] hadOne = new boolean[1];
        foldTokens(first, hadOne);
        Buffer collapsed = collapseSpacedLetters(first);
        String folded = new String(collapsed.chars, 0, collapsed.length);
        // Leetspeak lives in short prompts; re-reading a huge text for its '1's would double the cost for nothing.
        String variant =
                hadOne[0] && folded.length() <= LEET_VARIANT_LIMIT ? leetOneAsL(folded, collapsed, text) : null;
        return new NormalizedText(
                folded,
                folded.toCharArray(),
                variant,
                collapsed.startMap,
                collapsed.endMap,
                first.tags,
                first.invisible);
    }

    /** Cheap single pass: only non-ASCII, leetspeak-looking digits or spaced-out letters need the slow path. */
    static boolean needsFolding(String text) {
        return needsFolding(text, new char[text.length()]);
    }

    /**
     * As {@link #needsFolding(String)}, writing each char it reads, lower-cased, to {@code lowered}: when the answer is
     * no (all of the text is read, all of it ASCII), that is the text as {@code toLowerCase(Locale.ROOT)} folds it,
     * without a second pass over the text.
     */
    private static boolean needsFolding(String text, char[] lowered) {
        int n = text.length();
        // One bulk copy (an intrinsic), then the checks read and lower the copy in place: cheaper than charAt per char.
        text.getChars(0, n, lowered, 0);
        int spacedRun = 0;
        char previous = ' ';
        for (int i = 0; i < n; i++) {
            char c = lowered[i];
            if (c >= 0x80) {
                return true;
            }
            lowered[i] = LOWER[c];
            if (c >= '0' && c <= '9') {
                // '@' and '$' alone never send a text down the slow path: e-mail addresses and shell variables are
                // common.
                if (isLeetDigit(c)
                        && i + 1 < n
                        && isAsciiLetter(lowered[i + 1])
                        && !(previous >= '0' && previous <= '9')) {
                    return true;
                }
            } else if (isAsciiLetter(c)) {
                if (isAsciiLetter(previous)) {
                    spacedRun = 0;
                } else if (i + 2 < n
                        && isSeparator(lowered[i + 1])
                        && isAsciiLetter(lowered[i + 2])
                        && (i + 3 >= n || !isAsciiLetter(lowered[i + 3]))
                        && ++spacedRun >= 3) {
                    return true;
                }
            }
            previous = c;
        }
        return false;
    }

    private static boolean isLeet(char c) {
        return c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7' || c == '@' || c == '$';
    }

    private static boolean isLeetDigit(char c) {
        return c != '@' && c != '$' && isLeet(c);
    }

    private static char leetLetter(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*';
    }

    private static boolean invisible(int cp) {
        return (cp >= 0x200B && cp <= 0x200F)
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x2069)
                || cp == 0xFEFF
                || cp == 0x00AD
                || cp == 0x180E
                || cp == 0x034F;
    }

    private static Buffer decodeCodePoints(String text) {
        Buffer out = new Buffer(text.length() + 16);
        int n = text.length();
        int i = 0;
        boolean inFlag = false;
        while (i < n) {
            char ascii = text.charAt(i);
            if (ascii < 0x80) {
                // The common case, without the code point decoding and the checks below (it would end up here too).
                out.append(ascii, i, i + 1);
                inFlag = false;
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp >= 0xE0000 && cp <= 0xE007F) {
                // Tag characters render as nothing; only emoji flag sequences (after U+1F3F4) use them legitimately.
                if (cp >= 0xE0020 && cp <= 0xE007E) {
                    out.append((char) (cp - 0xE0000), i, next);
                    if (!inFlag) {
                        out.tags++;
                    }
                }
            } else if (invisible(cp)) {
                // Emoji sequences join with U+200D; only invisibles wedged into plain words or spaces are smuggling.
                if (out.length > 0 && out.chars[out.length - 1] < 0x80) {
                    out.invisible++;
                }
            } else if (cp < 0x80) {
                out.append((char) cp, i, next);
            } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out.append((char) (cp - 0xFEE0), i, next);
            } else if (cp == 0x3000) {
                out.append(' ', i, next);
            } else if (cp == 0x2018 || cp == 0x2019) {
                out.append('\'', i, next);
            } else if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB) {
                out.append('"', i, next);
            } else if (cp < HOMOGLYPHS.length && HOMOGLYPHS[cp] != 0) {
                out.append((char) cp, i, next);
            } else if (!compatibilityBlock(cp)) {
                // Letters of other scripts (CJK, Cyrillic, Arabic, Devanagari, …) and emoji have no compatibility form.
                for (int k = i; k < next; k++) {
                    out.append(text.charAt(k), i, next);
                }
            } else {
                String one = text.substring(i, next);
                String nfkc = Normalizer.isNormalized(one, Normalizer.Form.NFKC)
                        ? one
                        : Normalizer.normalize(one, Normalizer.Form.NFKC);
                for (int k = 0; k < nfkc.length(); k++) {
                    out.append(nfkc.charAt(k), i, next);
                }
            }
            inFlag = cp == 0x1F3F4 || (inFlag && cp >= 0xE0000 && cp <= 0xE007F);
            i = next;
        }
        return out;
    }

    /** Blocks whose characters NFKC rewrites: Latin-1 extras, letterlike and enclosed forms, CJK and math compatibility. */
    private static boolean compatibilityBlock(int cp) {
        return (cp >= 0xA0 && cp <= 0xFF)
                || (cp >= 0x2000 && cp <= 0x2BFF)
                || (cp >= 0x3000 && cp <= 0x33FF)
                || (cp >= 0xFB00 && cp <= 0xFFEF)
                || (cp >= 0x1D400 && cp <= 0x1D7FF)
                || (cp >= 0x1F100 && cp <= 0x1F1FF)
                || (cp >= 0x2460 && cp <= 0x24FF);
    }

    /** Lower-cases, folds homoglyphs in mixed-script or fully look-alike tokens, and leetspeak in tokens with letters. */
    private static void foldTokens(Buffer b, boolean[] hadOne) {
        char[] chars = b.chars;
        int i = 0;
        while (i < b.length) {
            if ((TOKEN_CLASS[chars[i]] & TOKEN) == 0) {
                i++;
                continue;
            }
            int end = i;
            int seen = 0;
            while (end < b.length) {
                char c = chars[end];
                int cls = TOKEN_CLASS[c];
                if ((cls & TOKEN) == 0) {
                    break;
                }
                seen |= cls;
                // Lower-cased on the way: nothing below reads an ASCII letter's case.
                chars[end] = (char) (c + ((cls & ASCII_UPPER) >> ASCII_UPPER_TO_CASE));
                end++;
            }
            boolean latin = (seen & LATIN) != 0;
            boolean otherLetter = (seen & OTHER_LETTER) != 0;
            boolean foldGlyphs = (seen & LOOK_ALIKE) != 0 && (latin || !otherLetter);
            boolean foldLeet = (seen & LEET) != 0 && (latin || foldGlyphs);
            if ((seen & NON_ASCII) == 0 && !foldLeet) {
                i = end;
                continue;
            }
            for (int k = i; k < end; k++) {
                char c = chars[k];
                if (foldGlyphs && c < HOMOGLYPHS.length && HOMOGLYPHS[c] != 0) {
                    c = HOMOGLYPHS[c];
                } else if (foldLeet && isLeet(c) && (isLeetDigit(c) || (k > i && k < end - 1))) {
                    hadOne[0] |= c == '1';
                    c = leetLetter(c);
                }
                chars[k] = LOWER[c];
            }
            i = end;
        }
    }

    private static boolean tokenChar(char c) {
        if (c < 0x80) {
            return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '@' || c == '$';
        }
        return Character.isLetterOrDigit(c);
    }

    private static final int TOKEN = 1;
    private static final int LATIN = 2;
    private static final int LOOK_ALIKE = 4;
    private static final int OTHER_LETTER = 8;
    private static final int LEET = 16;
    private static final int NON_ASCII = 32;
    private static final int ASCII_UPPER = 64;
    /** {@code ASCII_UPPER >> 1} is the distance from an upper-case ASCII letter to its lower case. */
    private static final int ASCII_UPPER_TO_CASE = 1;
    /**
     * Per char, what foldTokens needs: a token char, and which one kind it is (an ASCII letter, a look-alike, another
     * letter, a leetspeak char), whether it is non-ASCII and whether it is an upper-case ASCII letter.
     */
    private static final byte[] TOKEN_CLASS = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            if (!tokenChar(ch)) {
                continue;
            }
            int cls = TOKEN;
            if (isAsciiLetter(ch)) {
                cls |= LATIN | (ch <= 'Z' ? ASCII_UPPER : 0);
            } else if (ch < HOMOGLYPHS.length && HOMOGLYPHS[ch] != 0) {
                cls |= LOOK_ALIKE;
            } else if (Character.isLetter(ch)) {
                cls |= OTHER_LETTER;
            } else if (isLeet(ch)) {
                cls |= LEET;
            }
            TOKEN_CLASS[c] = (byte) (cls | (ch >= 0x80 ? NON_ASCII : 0));
        }
    }

    /** "i g n o r e   a l l" becomes "ignore all": single letters joined, wider gaps kept as word breaks. */
    private static Buffer collapseSpacedLetters(Buffer in) {
        char[] c = in.chars;
        int n = in.length;
        int plain = nextSpacedStart(c, n, 0);
        if (plain == n) {
            return in;
        }
        Buffer out = new Buffer(in.length);
        int i = 0;
        while (true) {
            out.appendAll(in, i, plain);
            i = plain;
            if (i >= n) {
                return out;
            }
            int letters = 0;
            int p = i;
            int mark = out.length;
            while (true) {
                out.append(c[p], in.startMap[p], in.endMap[p]);
                letters++;
                int q = p + 1;
                while (q < n && q - p <= 4 && isSeparator(c[q])) {
                    q++;
                }
                int gap = q - p - 1;
                if (gap < 1 || gap > 4 || q >= n || !singleLetter(c, n, q)) {
                    p++;
                    break;
                }
                if (gap >= 2) {
                    out.append(' ', in.startMap[p + 1], in.endMap[q - 1]);
                }
                p = q;
            }
            if (letters < 4) {
                out.length = mark;
                out.appendAll(in, i, p);
            }
            i = p;
            plain = nextSpacedStart(c, n, i);
        }
    }

    /**
     * The first {@code i >= from} where a single letter, a separator and another single letter start ("i g n o r e"
     * may start there), or {@code n}. The kinds of the five chars around {@code i} (i-1 to i+3, 3 bits each) slide
     * along in one int, so each char's kind is read once and a position is settled by one compare.
     */
    private static int nextSpacedStart(char[] c, int n, int from) {
        int window = from > 0 ? KINDS[c[from - 1]] : 0;
        for (int k = from; k < from + 3; k++) {
            window = (window << 3) | (k < n ? KINDS[c[k]] : 0);
        }
        int i = from;
        for (; i + 3 < n; i++) {
            window = (window << 3) | KINDS[c[i + 3]];
            if ((window & SPACED_MASK) == SPACED_SHAPE) {
                return i;
            }
        }
        for (; i < n; i++) {
            window <<= 3;
            if ((window & SPACED_MASK) == SPACED_SHAPE) {
                return i;
            }
        }
        return n;
    }

    private static final int LETTER = 1;
    private static final int DIGIT = 2;
    private static final int SEPARATOR = 4;
    /** Chars i-1 to i+3: no letter or digit, a letter, a separator, a letter, no letter or digit. */
    private static final int SPACED_MASK = (3 << 12) | (7 << 9) | (7 << 6) | (7 << 3) | 3;

    private static final int SPACED_SHAPE = (LETTER << 9) | (SEPARATOR << 6) | (LETTER << 3);
    /** Per char: a letter, a digit or a separator (as {@code letter}, {@code letterOrDigit} and {@code isSeparator} see it). */
    private static final byte[] KINDS = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            KINDS[c] = (byte)
                    (letter(ch) ? LETTER : letterOrDigit(ch) ? DIGIT : ch < 0x80 && isSeparator(ch) ? SEPARATOR : 0);
        }
    }

    private static boolean singleLetter(char[] c, int n, int i) {
        return letter(c[i]) && (i == 0 || !letterOrDigit(c[i - 1])) && (i + 1 >= n || !letterOrDigit(c[i + 1]));
    }

    private static boolean letter(char c) {
        return c < 0x80 ? isAsciiLetter(c) : Character.isLetter(c);
    }

    private static boolean letterOrDigit(char c) {
        return c < 0x80 ? isAsciiLetter(c) || (c >= '0' && c <= '9') : Character.isLetterOrDigit(c);
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Leetspeak '1' stands for both 'i' and 'l'; the variant re-reads every folded '1' as 'l'. */
    private static String leetOneAsL(String folded, Buffer map, String original) {
        char[] chars = folded.toCharArray();
        for (int k = 0; k < chars.length; k++) {
            if (chars[k] == 'i' && map.endMap[k] - map.startMap[k] == 1 && original.charAt(map.startMap[k]) == '1') {
                chars[k] = 'l';
            }
        }
        return new String(chars);
    }

    /** A growable char buffer with each char's original span. */
    private static final class Buffer {
        char[] chars;
        int[] startMap;
        int[] endMap;
        int length;
        int tags;
        int invisible;

        Buffer(int capacity) {
            chars = new char[Math.max(capacity, 16)];
            startMap = new int[chars.length];
            endMap = new int[chars.length];
        }

        void append(char c, int start, int end) {
            if (length == chars.length) {
                int grown = chars.length * 2;
                chars = java.util.Arrays.copyOf(chars, grown);
                startMap = java.util.Arrays.copyOf(startMap, grown);
                endMap = java.util.Arrays.copyOf(endMap, grown);
            }
            chars[length] = c;
            startMap[length] = start;
            endMap[length] = end;
            length++;
        }

        /** Appends chars {@code [from, to)} of {@code in} with their spans; this buffer has room (it only shrinks). */
        void appendAll(Buffer in, int from, int to) {
            int count = to - from;
            System.arraycopy(in.chars, from, chars, length, count);
            System.arraycopy(in.startMap, from, startMap, length, count);
            System.arraycopy(in.endMap, from, endMap, length, count);
            length += count;
        }
    }
}
