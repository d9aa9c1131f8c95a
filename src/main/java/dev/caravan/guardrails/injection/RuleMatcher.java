package dev.caravan.guardrails.injection;

import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs the rules in one pass: a hand-written word-prefix table finds the few places where a rule's trigger word starts,
 * and only a bounded window around each reaches that rule's pattern (a handful of anchored attempts, or a search from
 * the trigger's line start), with a cap on attempts per rule, so the cost stays linear in the input.
 */
final class RuleMatcher {
    /** Windows tried per rule and text; past this the rule has had a fair look at a hostile input. */
    private static final int MAX_WINDOWS = 96;
    private static final int MAX_PREFIX = 24;
    private static final int ANCHORED_BACK = 16;
    private static final int CONTEXT_REACH = 200;

    private final Rule[] rules;
    private final String[] keys;
    private final int[][] ruleIds;
    private final int mask;
    private final int lengths;

    RuleMatcher(List<Rule> ruleList) {
        this.rules = ruleList.toArray(new Rule[0]);
        java.util.Map<String, java.util.List<Integer>> byKey = new java.util.LinkedHashMap<>();
        for (int r = 0; r < rules.length; r++) {
            for (String t : rules[r].triggers()) {
                if (t.isEmpty() || t.length() > MAX_PREFIX) {
                    throw new IllegalArgumentException("trigger length out of range: '" + t + "' in " + rules[r].id());
                }
                byKey.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(r);
            }
        }
        int size = Integer.highestOneBit(Math.max(16, byKey.size() * 4)) * 2;
        keys = new String[size];
        ruleIds = new int[size][];
        mask = size - 1;
        int lengthBits = 0;
        for (var e : byKey.entrySet()) {
            String k = e.getKey();
            int slot = slot(hash(k, 0, k.length()));
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = k;
            ruleIds[slot] = e.getValue().stream().mapToInt(Integer::intValue).distinct().toArray();
            lengthBits |= 1 << k.length();
        }
        lengths = lengthBits;
    }

    /**
     * Adds the first match of each rule in the lower-cased {@code text}; {@code literals} enables the phrase triggers and
     * {@code documentStarts[level]} is where the material of a document rule of that level begins.
     */
    void match(String text, boolean literals, int[] documentStarts, List<Signal> out) {
        int n = text.length();
        int[] tried = new int[rules.length];
        boolean[] done = new boolean[rules.length];
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!wordChar(c)) {
                i++;
                continue;
            }
            int h = 0;
            int j = i;
            while (j < n && j - i < MAX_PREFIX) {
                char w = text.charAt(j);
                if (!wordChar(w)) {
                    break;
                }
                h = 31 * h + w;
                j++;
                int len = j - i;
                if ((lengths & (1 << len)) != 0) {
                    int slot = slot(h);
                    String k;
                    while ((k = keys[slot]) != null) {
                        if (k.length() == len && text.regionMatches(i, k, 0, len)) {
                            for (int r : ruleIds[slot]) {
                                tryRule(r, text, i, documentStarts, tried, done, out);
                            }
                        }
                        slot = (slot + 1) & mask;
                    }
                }
            }
            while (j < n && wordChar(text.charAt(j))) {
                j++;
            }
            i = j;
        }
        if (literals) {
            for (int r = 0; r < rules.length; r++) {
                for (String lit : rules[r].literals()) {
                    int from = 0;
                    int at;
                    while (!done[r] && tried[r] < MAX_WINDOWS && (at = text.indexOf(lit, from)) >= 0) {
                        tryRule(r, text, at, documentStarts, tried, done, out);
                        from = at + lit.length();
                    }
                }
            }
        }
    }

    private void tryRule(
            int r, String text, int at, int[] documentStarts, int[] tried, boolean[] done, List<Signal> out) {
        Rule rule = rules[r];
        int documentStart = documentStarts[rule.documentLevel()];
        if (done[r] || tried[r] >= MAX_WINDOWS || at < documentStart) {
            return;
        }
        tried[r]++;
        Matcher m = rule.pattern().matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        if (!(rule.back() <= ANCHORED_BACK ? anchored(m, text, at, documentStart, rule)
                : nearby(m, text, at, documentStart, rule))) {
            return;
        }
        if (rule.context() != null) {
            Matcher ctx = rule.context().matcher(text)
                    .region(Math.max(0, m.start() - CONTEXT_REACH), Math.min(text.length(), m.end() + CONTEXT_REACH));
            if (!ctx.useTransparentBounds(true).find()) {
                return;
            }
        }
        done[r] = true;
        out.add(new Signal(rule, m.start(), m.end()));
    }

    /** A pattern that starts at (or just before) its trigger is tried only at those few starting points. */
    private static boolean anchored(Matcher m, String text, int at, int documentStart, Rule rule) {
        int to = Math.min(text.length(), at + rule.forward());
        for (int p = at; p >= Math.max(documentStart, at - rule.back()); p--) {
            if (m.region(p, to).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** A pattern that may start well before its trigger is searched from the start of the trigger's line. */
    private static boolean nearby(Matcher m, String text, int at, int documentStart, Rule rule) {
        int from = Math.max(documentStart, at - rule.back());
        for (int k = at - 1; k > from; k--) {
            if (text.charAt(k) == '\n') {
                from = k;
                break;
            }
        }
        return m.region(Math.min(from, at), Math.min(text.length(), at + rule.forward())).find();
    }

    private int slot(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1 >>> 7 & mask;
    }

    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + s.charAt(k);
        }
        return h;
    }

    private static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

}
