package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.CharLanes;

/**
 * One pass over the text that lists trigger words and injection-shaped quotes, so that only those few places reach
 * the rules. Words are looked up in a small open-addressing table, with no allocation until the first trigger. The
 * list is budgeted so that trigger-dense input costs linear time: at most {@value #PER_BLOCK} candidates per
 * 512-character block, and a trigger word repeated within {@value #REPEAT_GAP} characters with no command separator
 * in between is taken as an argument of the first.
 */
final class TriggerScanner {
    static final int PER_BLOCK = 8;
    static final int REPEAT_GAP = 24;
    private static final int BLOCK_SHIFT = 9;
    private static final int TRIGGERS = Trigger.values().length;
    private static final int LONGEST_WORD = 16;
    private static final int TABLE_MASK = 255;
    private static final String[] TABLE_WORDS = new String[TABLE_MASK + 1];
    private static final Trigger[] TABLE_TRIGGERS = new Trigger[TABLE_MASK + 1];
    private static final char[] WORD_LOWER = new char[128];
    /** Per byte of the text's Latin-1 copy, whether it is a word char (only ASCII ones are). */
    private static final boolean[] WORD_BYTES = new boolean[256];
    /** A bit per (first, second, last letter, length) signature of the trigger words: rejects most words in a few loads. */
    private static final long[] SIGNATURES = new long[1 << 10];

    static {
        for (char c = '0'; c <= '9'; c++) {
            WORD_LOWER[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            WORD_LOWER[c] = c;
            WORD_LOWER[c - 32] = c;
        }
        WORD_LOWER['_'] = '_';
        for (char c = 0; c < 128; c++) {
            WORD_BYTES[c] = WORD_LOWER[c] != 0;
        }
        for (Trigger t : Trigger.values()) {
            for (String w : t.words()) {
                int slot = hash(w) & TABLE_MASK;
                while (TABLE_WORDS[slot] != null) {
                    slot = (slot + 1) & TABLE_MASK;
                }
                TABLE_WORDS[slot] = w;
                TABLE_TRIGGERS[slot] = t;
                int sig = signature(w.charAt(0), w.charAt(1), w.charAt(w.length() - 1), w.length());
                SIGNATURES[sig >>> 6] |= 1L << sig;
            }
        }
    }

    private TriggerScanner() {}

    /** The trigger positions in text order, or null when there are none (the common case). */
    static Candidates scan(String text) {
        Candidates found = null;
        Budget budget = new Budget();
        int n = text.length();
        // the loop reads the text's Latin-1 copy (see CharLanes.of): a byte array is a tighter loop than a String's
        // chars, and a word char or quote is ASCII, whose byte is its char
        byte[] bytes = CharLanes.of(text);
        int i = 0;
        while (i < n) {
            int c = bytes[i] & 0xFF;
            if (WORD_BYTES[c]) {
                int start = i;
                do {
                    i++;
                } while (i < n && WORD_BYTES[bytes[i] & 0xFF]);
                found = word(text, start, i, found, budget);
                if (i == n) {
                    break;
                }
                c = bytes[i] & 0xFF;
            }
            if ((c == '\'' || c == '"')
                    && budget.open(i)
                    && SqlInjectionRules.quoteShape(text, i)
                    && budget.take(text, Trigger.QUOTE, i)) {
                found = Candidates.add(found, Trigger.QUOTE, i, i + 1);
            }
            i = budget.spent(i) ? nextBlock(text, i) : i + 1;
        }
        return text.indexOf('|') < 0 ? found : selfPipes(text, found);
    }

    /**
     * Adds the fork bombs' self-pipes ({@code :|:&}) to the candidates, in text order. Pipes are looked for apart, by
     * one vectorised search, because most texts have none and the main loop stays as tight as it was; at most
     * {@value #PER_BLOCK} pipes are read per 512-character block.
     */
    private static Candidates selfPipes(String text, Candidates found) {
        Candidates merged = null;
        int k = 0;
        int block = -1;
        int read = 0;
        for (int p = text.indexOf('|'); p >= 0; p = text.indexOf('|', p + 1)) {
            if (p >>> BLOCK_SHIFT != block) {
                block = p >>> BLOCK_SHIFT;
                read = 0;
            }
            if (read++ >= PER_BLOCK || !ForkBombRules.shape(text, p)) {
                continue;
            }
            if (merged == null) {
                merged = new Candidates();
            }
            while (found != null && k < found.size() && found.start(k) < p) {
                Candidates.add(merged, found.trigger(k), found.start(k), found.end(k));
                k++;
            }
            Candidates.add(merged, Trigger.SELF_PIPE, p, p + 1);
        }
        if (merged == null) {
            return found;
        }
        while (found != null && k < found.size()) {
            Candidates.add(merged, found.trigger(k), found.start(k), found.end(k));
            k++;
        }
        return merged;
    }

    private static boolean wordChar(char c) {
        return c < 128 && WORD_LOWER[c] != 0;
    }

    /**
     * Where scanning resumes once the block holding i has used its allowance: nothing more in it can become a
     * candidate, so it is jumped over, together with the rest of a word begun in it.
     */
    private static int nextBlock(String text, int i) {
        int n = text.length();
        int j = Math.min(n, ((i >>> BLOCK_SHIFT) + 1) << BLOCK_SHIFT);
        if (j < n && wordChar(text.charAt(j - 1))) {
            while (j < n && wordChar(text.charAt(j))) {
                j++;
            }
        }
        return j;
    }

    private static Candidates word(String text, int start, int end, Candidates found, Budget budget) {
        int len = end - start;
        if (!budget.open(start)) {
            return found;
        }
        if (len < 2 || len > LONGEST_WORD) {
            return found;
        }
        int sig = signature(
                WORD_LOWER[text.charAt(start)],
                WORD_LOWER[text.charAt(start + 1)],
                WORD_LOWER[text.charAt(end - 1)],
                len);
        if ((SIGNATURES[sig >>> 6] & (1L << sig)) == 0) {
            return found;
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = hash * 31 + WORD_LOWER[text.charAt(i)];
        }
        for (int slot = hash & TABLE_MASK; TABLE_WORDS[slot] != null; slot = (slot + 1) & TABLE_MASK) {
            String w = TABLE_WORDS[slot];
            if (w.length() == len && text.regionMatches(true, start, w, 0, len)) {
                Trigger t = TABLE_TRIGGERS[slot];
                return budget.take(text, t, start) ? Candidates.add(found, t, start, end) : found;
            }
        }
        return found;
    }

    private static int signature(char first, char second, char last, int length) {
        return ((first * 31 + second) * 31 + last) * 17 + length & 0xFFFF;
    }

    private static int hash(String word) {
        int h = 0;
        for (int i = 0; i < word.length(); i++) {
            h = h * 31 + word.charAt(i);
        }
        return h;
    }

    /** The per-block allowance of candidates. */
    private static final class Budget {
        private final int[] lastAt = new int[TRIGGERS];
        private long block = -1;
        private int taken;

        /** False once the block holding pos has used its allowance: its remaining words need not be looked up. */
        boolean open(int pos) {
            long b = pos >>> BLOCK_SHIFT;
            if (b != block) {
                block = b;
                taken = 0;
            }
            return taken < PER_BLOCK;
        }

        /** True when pos lies in the block that has used its allowance. */
        boolean spent(int pos) {
            return taken >= PER_BLOCK && pos >>> BLOCK_SHIFT == block;
        }

        /** Counts every trigger against the block, so that a run of repeats cannot cost more than a full block. */
        boolean take(String text, Trigger t, int pos) {
            taken++;
            int last = lastAt[t.ordinal()];
            if (last > 0 && pos - last < REPEAT_GAP && !separated(text, last, pos)) {
                return false;
            }
            lastAt[t.ordinal()] = pos + 1;
            return true;
        }

        private static boolean separated(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                switch (text.charAt(i)) {
                    case ';', '&', '|', '\n', '`', '\'', '"', '(', '>' -> {
                        return true;
                    }
                    default -> {}
                }
            }
            return false;
        }
    }

    /** A growable list of trigger occurrences, kept as parallel arrays. */
    static final class Candidates {
        private int[] starts = new int[8];
        private int[] ends = new int[8];
        private Trigger[] triggers = new Trigger[8];
        private int size;

        static Candidates add(Candidates list, Trigger t, int start, int end) {
            Candidates c = list != null ? list : new Candidates();
            if (c.size == c.starts.length) {
                int grown = c.size * 2;
                c.starts = java.util.Arrays.copyOf(c.starts, grown);
                c.ends = java.util.Arrays.copyOf(c.ends, grown);
                c.triggers = java.util.Arrays.copyOf(c.triggers, grown);
            }
            c.starts[c.size] = start;
            c.ends[c.size] = end;
            c.triggers[c.size] = t;
            c.size++;
            return c;
        }

        int size() {
            return size;
        }

        int start(int i) {
            return starts[i];
        }

        int end(int i) {
            return ends[i];
        }

        Trigger trigger(int i) {
            return triggers[i];
        }
    }
}
