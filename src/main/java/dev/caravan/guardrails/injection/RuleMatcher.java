package dev.caravan.guardrails.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Runs the rules in two cheap steps: one pass of a hand-written word-prefix table notes where each rule's trigger
 * words (and the words its pattern cannot do without) start; then only triggers with a needed word close by reach the
 * rule's pattern, tried at the few word starts just before the trigger, with a cap on attempts per rule, so the cost
 * stays linear in the input.
 */
final class RuleMatcher {
    /** Windows tried per rule and text; past this the rule has had a fair look at a hostile input. */
    private static final int MAX_WINDOWS = 96;
    /** Phrase rules search a long window before each sighting (no word starts to skip to), so they get fewer tries. */
    private static final int MAX_LITERAL_WINDOWS = 16;
    /** Trigger sightings kept per rule before the needed-word filter; bounds the memory for hostile input. */
    private static final int MAX_PENDING = 4 * MAX_WINDOWS;
    /** Expected words or chars noted per rule and text; a long text's later windows are then not turned down by them. */
    private static final int MAX_EXPECTED = 64;

    private static final int MAX_PREFIX = 24;
    private static final int CONTEXT_REACH = 200;
    private static final int PREFIX_BITS = 1 << 16;

    private final Rule[] rules;
    /** Per rule, the words its pattern must start with (null: unknown), so only word starts with one are tried. */
    private final LeadingWords[] leads;

    /**
     * The open-addressing key table, {@code SLOT} ints per slot: the key's length (0 for an empty slot), where its
     * chars start in keyChars, where its rule ids start in ids, and how many rule ids it has for each role (trigger,
     * needed, expected; ten bits each). A hit reads one slot's few ints and a few chars close by, where a table of
     * strings and id arrays sent each hit to half a dozen objects scattered on the heap.
     */
    private final int[] table;

    private final char[] keyChars;
    private final int[] ids;
    private static final int SLOT = 4;
    private static final int COUNT_BITS = 10;
    private static final int COUNT_MASK = (1 << COUNT_BITS) - 1;
    /** Per ASCII char that is not a word char, the rules that expect it (see Rule.expecting), or null. */
    private final int[][] expectByChar = new int[128][];

    private final int mask;
    private final int shift;
    /** Phrase triggers grouped by first char: the sorted distinct first chars, and each group's range in the arrays. */
    private final long[] literalStarts = new long[1024];
    /** Bit set of every phrase's first two chars (by hash): most chars that start a phrase are not followed by one. */
    private final long[] literalPairs = new long[PREFIX_BITS / 64];

    private final char[] literalFirst;
    private final int[] literalOffsets;
    private final int[] literalRule;
    private final String[] literalText;
    /**
     * Each thread's matchers, one per rule, made on first use and reset onto each text: building a matcher per rule and
     * call cost more than trying it. A call never nests inside another on the same thread, and leaves them on no text.
     */
    private final ThreadLocal<Matcher[]> reusable;

    /** Bit set of every key prefix (by hash and length): a word stops being read once no key can start like it. */
    private final long[] prefixes = new long[PREFIX_BITS / 64];
    /** The same for whole keys: only a word start whose bit is set here is looked up in the table. */
    private final long[] wholeKeys = new long[PREFIX_BITS / 64];

    RuleMatcher(List<Rule> ruleList) {
        this.rules = ruleList.toArray(new Rule[0]);
        this.leads = new LeadingWords[rules.length];
        int ruleCount = rules.length;
        this.reusable = ThreadLocal.withInitial(() -> new Matcher[ruleCount]);
        for (int r = 0; r < rules.length; r++) {
            leads[r] = LeadingWords.of(rules[r].pattern());
        }
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        Map<String, List<Integer>> byNeed = new LinkedHashMap<>();
        Map<String, List<Integer>> byExpect = new LinkedHashMap<>();
        for (int r = 0; r < rules.length; r++) {
            for (String t : rules[r].triggers()) {
                checkKey(t, rules[r]);
                byKey.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            }
            for (String t : rules[r].needs()) {
                checkKey(t, rules[r]);
                byNeed.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            }
            for (String t : rules[r].expects() == null
                    ? List.<String>of()
                    : rules[r].expects().words()) {
                if (t.length() == 1 && t.charAt(0) < 128 && !wordChar(t.charAt(0))) {
                    int[] old = expectByChar[t.charAt(0)];
                    int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
                    grown[grown.length - 1] = r;
                    expectByChar[t.charAt(0)] = grown;
                    continue;
                }
                checkKey(t, rules[r]);
                byExpect.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            }
        }
        Set<String> all = new LinkedHashSet<>(byKey.keySet());
        all.addAll(byNeed.keySet());
        all.addAll(byExpect.keySet());
        int size = Integer.highestOneBit(Math.max(16, all.size() * 4)) * 2;
        if (rules.length > COUNT_MASK) {
            throw new IllegalArgumentException("more rules than a key's id counts hold: " + rules.length);
        }
        table = new int[size * SLOT];
        mask = size - 1;
        shift = 32 - Integer.numberOfTrailingZeros(size);
        StringBuilder chars = new StringBuilder();
        List<Integer> idList = new ArrayList<>();
        for (String k : all) {
            int slot = slot(hash(k));
            while (table[slot * SLOT] != 0) {
                slot = (slot + 1) & mask;
            }
            int at = slot * SLOT;
            table[at] = k.length();
            table[at + 1] = chars.length();
            table[at + 2] = idList.size();
            chars.append(k);
            int counts = 0;
            int role = 0;
            for (Map<String, List<Integer>> byRole : List.of(byKey, byNeed, byExpect)) {
                int[] roleIds = ids(byRole, k);
                for (int r : roleIds) {
                    idList.add(r);
                }
                counts |= roleIds.length << (COUNT_BITS * role++);
            }
            table[at + 3] = counts;
            int h = 0;
            for (int p = 0; p < k.length(); p++) {
                h = 31 * h + k.charAt(p);
                int bit = prefixBit(h, p + 1);
                prefixes[bit >>> 6] |= 1L << bit;
            }
            int whole = prefixBit(h, k.length());
            wholeKeys[whole >>> 6] |= 1L << whole;
        }
        keyChars = chars.toString().toCharArray();
        ids = idList.stream().mapToInt(Integer::intValue).toArray();
        List<Literal> literals = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            for (String lit : rules[r].literals()) {
                if (lit.length() < 2) {
                    throw new IllegalArgumentException(
                            "phrase shorter than two chars: '" + lit + "' in " + rules[r].id());
                }
                literals.add(new Literal(lit.charAt(0), r, lit));
                int pair = pairBit(lit.charAt(0), lit.charAt(1));
                literalPairs[pair >>> 6] |= 1L << pair;
            }
        }
        literals.sort(java.util.Comparator.comparing(Literal::first));
        literalRule = literals.stream().mapToInt(Literal::rule).toArray();
        literalText = literals.stream().map(Literal::text).toArray(String[]::new);
        StringBuilder firsts = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        for (int k = 0; k < literals.size(); k++) {
            char c = literals.get(k).first();
            if (firsts.length() == 0 || firsts.charAt(firsts.length() - 1) != c) {
                firsts.append(c);
                offsets.add(k);
                literalStarts[c >>> 6] |= 1L << c;
            }
        }
        offsets.add(literals.size());
        literalFirst = firsts.toString().toCharArray();
        literalOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] ids(Map<String, List<Integer>> byKey, String key) {
        return byKey.getOrDefault(key, List.of()).stream()
                .mapToInt(Integer::intValue)
                .distinct()
                .toArray();
    }

    private record Literal(char first, int rule, String text) {}

    private static void checkKey(String key, Rule rule) {
        if (key.isEmpty() || key.length() > MAX_PREFIX) {
            throw new IllegalArgumentException("trigger length out of range: '" + key + "' in " + rule.id());
        }
    }

    /**
     * Adds the first match of each rule in the lower-cased {@code text}; {@code literals} enables the phrase triggers and
     * {@code documentStarts[level]} is where the material of a document rule of that level begins.
     */
    void match(String text, boolean literals, int[] documentStarts, List<Signal> out) {
        match(text, text.toCharArray(), literals, documentStarts, out);
    }

    /** As {@link #match(String, boolean, int[], List)}, with {@code chars} the caller's char copy of {@code text}. */
    void match(String text, char[] chars, boolean literals, int[] documentStarts, List<Signal> out) {
        Call call = new Call(text, chars, documentStarts, reusable.get(), rules.length);
        try {
            Sightings pending = new Sightings();
            Positions[] needed = new Positions[rules.length];
            wake(call.chars, pending, needed, call.expected);
            for (int k = 0; k < pending.size; k++) {
                int r = pending.rules[k];
                int at = pending.at[k];
                Rule rule = rules[r];
                if (rule.needs().isEmpty()
                        || (needed[r] != null && needed[r].anyIn(at - rule.back(), at + rule.forward()))) {
                    tryRule(r, at, call, out);
                }
            }
            if (literals) {
                matchLiterals(call, out);
            }
        } finally {
            call.release();
        }
    }

    /** One pass of the word-prefix table: where each rule's triggers (pending) and needed words start. */
    private void wake(char[] text, Sightings pending, Positions[] needed, Positions[] expected) {
        int n = text.length;
        int[] pendingCount = new int[rules.length];
        // A class table and no copy of the text: this loop reads every char of the text, so it is worth keeping lean.
        int i = 0;
        while (i < n) {
            char c = text[i];
            if (!wordChar(c)) {
                if (c < 128 && expectByChar[c] != null) {
                    for (int r : expectByChar[c]) {
                        (expected[r] == null ? expected[r] = new Positions() : expected[r]).addOnce(i);
                    }
                }
                i++;
                continue;
            }
            int h = 0;
            int j = i;
            while (j < n && j - i < MAX_PREFIX) {
                char w = text[j];
                if (!wordChar(w)) {
                    break;
                }
                h = 31 * h + w;
                j++;
                int len = j - i;
                int bit = prefixBit(h, len);
                if ((prefixes[bit >>> 6] & (1L << bit)) == 0) {
                    break;
                }
                if ((wholeKeys[bit >>> 6] & (1L << bit)) != 0) {
                    noteKey(text, i, len, h, pendingCount, pending, needed, expected);
                }
            }
            while (j < n && wordChar(text[j])) {
                j++;
            }
            i = j;
        }
    }

    /** Notes where the key of length {@code len} and hash {@code h} that the text has at {@code start} (if any) starts. */
    private void noteKey(
            char[] text,
            int start,
            int len,
            int h,
            int[] pendingCount,
            Sightings pending,
            Positions[] needed,
            Positions[] expected) {
        for (int slot = slot(h); ; slot = (slot + 1) & mask) {
            int at = slot * SLOT;
            int length = table[at];
            if (length == 0) {
                return;
            }
            if (length == len
                    && Arrays.equals(text, start, start + len, keyChars, table[at + 1], table[at + 1] + len)) {
                int counts = table[at + 3];
                int q = table[at + 2];
                for (int end = q + (counts & COUNT_MASK); q < end; q++) {
                    int r = ids[q];
                    if (pendingCount[r]++ < MAX_PENDING) {
                        pending.add(r, start);
                    }
                }
                for (int end = q + (counts >>> COUNT_BITS & COUNT_MASK); q < end; q++) {
                    int r = ids[q];
                    (needed[r] == null ? needed[r] = new Positions() : needed[r]).add(start);
                }
                for (int end = q + (counts >>> 2 * COUNT_BITS); q < end; q++) {
                    int r = ids[q];
                    (expected[r] == null ? expected[r] = new Positions() : expected[r]).addOnce(start);
                }
                return; // keys are distinct: no other slot holds the same chars
            }
        }
    }

    /** One pass over the text for the phrase triggers: only chars that start some phrase are looked at twice. */
    private void matchLiterals(Call call, List<Signal> out) {
        char[] text = call.chars;
        int n = text.length;
        for (int i = 0; i + 1 < n; i++) {
            char c = text[i];
            // The pair test first: it almost never passes, so its branch is predicted, where a test of the first char
            // alone passes for every third letter of some texts and is mispredicted as often.
            int pair = pairBit(c, text[i + 1]);
            if ((literalPairs[pair >>> 6] & (1L << pair)) == 0 || (literalStarts[c >>> 6] & (1L << c)) == 0) {
                continue;
            }
            int at = Arrays.binarySearch(literalFirst, c);
            for (int k = literalOffsets[at]; k < literalOffsets[at + 1]; k++) {
                int r = literalRule[k];
                if (!call.done[r] && call.tried[r] < MAX_LITERAL_WINDOWS && startsWith(text, i, literalText[k])) {
                    tryRule(r, i, call, out);
                }
            }
        }
    }

    /** A growable list of (rule, position) pairs in ascending position order: where rules' triggers start. */
    private static final class Sightings {
        int[] rules = new int[32];
        int[] at = new int[32];
        int size;

        void add(int rule, int position) {
            if (size == at.length) {
                rules = Arrays.copyOf(rules, size * 2);
                at = Arrays.copyOf(at, size * 2);
            }
            rules[size] = rule;
            at[size++] = position;
        }
    }

    /** One rule's growable list of positions in ascending order (its needed or expected words). */
    private static final class Positions {
        int[] at = new int[8];
        int size;

        void add(int position) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
            }
            at[size++] = position;
        }

        /**
         * Adds the position unless it is the last one added (two expected words starting there count once), up to
         * {@code MAX_EXPECTED} positions: past that the list is full and says nothing of the text after its last one.
         */
        void addOnce(int position) {
            if (size < MAX_EXPECTED && (size == 0 || at[size - 1] != position)) {
                add(position);
            }
        }

        /** Whether a window [from, to] may hold {@code count} expected positions: a full list cannot rule out its tail. */
        boolean mayHold(int from, int to, int count) {
            return (size == MAX_EXPECTED && to > at[size - 1]) || atLeast(from, to, count);
        }

        boolean anyIn(int from, int to) {
            return atLeast(from, to, 1);
        }

        /** Whether at least {@code count} positions lie in [from, to]. */
        boolean atLeast(int from, int to, int count) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (at[mid] < from) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo + count - 1 < size && at[lo + count - 1] <= to;
        }
    }

    /**
     * One call's text (and a copy of its chars, which the scans read faster than the string's; never written), per-rule state: tries
     * so far, which rules matched, and the thread's matchers.
     */
    private final class Call {
        final String text;
        final char[] chars;
        final int[] documentStarts;
        final int[] tried;
        final boolean[] done;
        final Matcher[] matchers;
        final boolean[] bound;
        /** Per rule with an expectation, where its expected words start. */
        final Positions[] expected;

        Call(String text, char[] chars, int[] documentStarts, Matcher[] matchers, int ruleCount) {
            this.text = text;
            this.chars = chars;
            this.documentStarts = documentStarts;
            this.tried = new int[ruleCount];
            this.done = new boolean[ruleCount];
            this.matchers = matchers;
            this.bound = new boolean[ruleCount];
            this.expected = new Positions[ruleCount];
        }

        /** Rule {@code r}'s matcher, on this call's text. */
        Matcher matcher(int r) {
            Matcher m = matchers[r];
            if (m == null) {
                m = rules[r].pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                matchers[r] = m;
            } else if (!bound[r]) {
                m.reset(text);
            }
            bound[r] = true;
            return m;
        }

        /** A kept matcher must not keep the text (it may hold a secret) reachable. */
        void release() {
            for (int r = 0; r < bound.length; r++) {
                if (bound[r]) {
                    matchers[r].reset("");
                }
            }
        }
    }

    private void tryRule(int r, int at, Call call, List<Signal> out) {
        Rule rule = rules[r];
        String text = call.text;
        int documentStart = call.documentStarts[rule.documentLevel()];
        if (call.done[r] || call.tried[r] >= MAX_WINDOWS || at < documentStart) {
            return;
        }
        call.tried[r]++;
        Rule.Expectation expects = rule.expects();
        if (expects != null) {
            Positions found = call.expected[r];
            if (found == null || !found.mayHold(at - rule.back(), at + rule.forward(), expects.count())) {
                return;
            }
        }
        Matcher m = call.matcher(r);
        if (!attempt(m, call.chars, at, documentStart, rule, leads[r])) {
            return;
        }
        if (rule.context() != null) {
            Matcher ctx = rule.context()
                    .matcher(text)
                    .region(Math.max(0, m.start() - CONTEXT_REACH), Math.min(text.length(), m.end() + CONTEXT_REACH));
            if (!ctx.useTransparentBounds(true).find()) {
                return;
            }
        }
        call.done[r] = true;
        out.add(new Signal(rule, m.start(), m.end()));
    }

    /**
     * A match must start in the trigger's line, at most {@code back} chars before it and not after it, and never inside
     * a word: only those few starting points are tried, each anchored, so a miss costs a handful of short attempts.
     */
    private static boolean attempt(Matcher m, char[] text, int at, int documentStart, Rule rule, LeadingWords leads) {
        int from = Math.max(documentStart, at - rule.back());
        for (int k = at - 1; k > from; k--) {
            if (text[k] == '\n') {
                from = k;
                break;
            }
        }
        from = Math.min(from, at);
        int to = Math.min(text.length, at + rule.forward());
        for (int p = from; p <= at; p++) {
            if (p < at && p > 0 && wordChar(text[p]) && wordChar(text[p - 1])) {
                continue;
            }
            if (leads != null && !leads.startAt(text, p)) {
                continue;
            }
            if (rule.lineStart() && !beginsLine(text, p)) {
                continue;
            }
            if (m.region(p, to).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code p} follows a line start, up to six of ' ', tab, '*', '-', and an optional "please" and spaces. */
    static boolean beginsLine(char[] text, int p) {
        if (afterIndent(text, p)) {
            return true;
        }
        for (int s = 1; s <= 3 && p - s >= 0 && regexSpace(text[p - s]); s++) {
            int word = p - s - PLEASE.length();
            if (word >= 0 && startsWith(text, word, PLEASE) && afterIndent(text, word)) {
                return true;
            }
        }
        return false;
    }

    private static final String PLEASE = "please";

    /** Whether at most six of ' ', tab, '*', '-' stand between a line break (or the text's start) and {@code p}. */
    private static boolean afterIndent(char[] text, int p) {
        for (int k = p; k >= Math.max(0, p - 6); k--) {
            if (k == 0 || lineBreak(text[k - 1])) {
                return true;
            }
            char c = text[k - 1];
            if (k > p - 6 && c != ' ' && c != '\t' && c != '*' && c != '-') {
                return false;
            }
            if (k == p - 6) {
                return false;
            }
        }
        return false;
    }

    /** The chars after which a multi-line {@code ^} can match (a superset is fine: the pattern has the last word). */
    private static boolean lineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Whether {@code word} occurs in {@code text} at {@code at}. */
    private static boolean startsWith(char[] text, int at, String word) {
        if (at + word.length() > text.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text[at + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int slot(int h) {
        return (h * 0x9E3779B1) >>> shift;
    }

    private static int prefixBit(int h, int length) {
        return ((h + length * 0x632BE5AB) * 0x85EBCA6B) >>> 16;
    }

    private static int pairBit(char first, char second) {
        return ((first * 31 + second) * 0x9E3779B1) >>> 16;
    }

    private static int hash(String s) {
        int h = 0;
        for (int k = 0; k < s.length(); k++) {
            h = 31 * h + s.charAt(k);
        }
        return h;
    }

    private static final boolean[] WORD_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            WORD_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }

    private static boolean wordChar(char c) {
        return c < 128 && WORD_CHARS[c];
    }
}
