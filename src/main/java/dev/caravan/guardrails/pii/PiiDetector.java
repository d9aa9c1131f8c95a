package dev.caravan.guardrails.pii;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.CharLanes;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.StreamTails;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds personal data (e-mail, phone, US SSN, payment card, IBAN, Aadhaar, PAN) and IP addresses in one pass that
 * stops only at digits, '@', ':' and capitalised words, and validates each candidate with its checksum or rules.
 */
public final class PiiDetector implements Guardrail {
    private static final Set<Category> CATEGORIES = Set.of(
            Category.PII_EMAIL,
            Category.PII_PHONE,
            Category.PII_SSN,
            Category.PII_CARD,
            Category.PII_IBAN,
            Category.PII_AADHAAR,
            Category.PII_PAN,
            Category.IP_ADDRESS);
    /** When spans overlap, the value with a checksum or fixed format wins over a phone, and a phone over an IP. */
    private static final List<Category> PRECEDENCE = List.of(
            Category.PII_CARD,
            Category.PII_IBAN,
            Category.PII_AADHAAR,
            Category.PII_SSN,
            Category.PII_PAN,
            Category.PII_EMAIL,
            Category.PII_PHONE,
            Category.IP_ADDRESS);

    /** The longest finding is an e-mail address: a 64-char local part, '@' and a 253-char domain. */
    private static final int LONGEST_MATCH = 320;

    private static final byte ALWAYS = 1;
    private static final byte CAPITAL = 2;
    /**
     * The ASCII characters where a candidate can start: digits, '@' and ':' always, a capital only before another
     * capital (an IBAN's country code and a PAN both open with two, so AccountCodes turns a lone one down at once).
     */
    private static final byte[] STARTS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            STARTS[c] = ALWAYS;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            STARTS[c] = CAPITAL;
        }
        STARTS['@'] = ALWAYS;
        STARTS[':'] = ALWAYS;
    }

    public PiiDetector() {}

    @Override
    public String id() {
        return "pii";
    }

    @Override
    public Set<Category> categories() {
        return CATEGORIES;
    }

    @Override
    public List<Finding> scan(String text, Source source) {
        List<Finding> out = new ArrayList<>(4);
        DigitGroups groups = new DigitGroups();
        PhoneNumbers.Budget budget = new PhoneNumbers.Budget(text.length());
        int n = text.length();
        byte[] bytes = CharLanes.of(text);
        int i = nextStart(text, bytes, 0, n);
        while (i < n) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                i = DigitGroups.startsRun(text, i) ? numbers(text, i, groups, budget, out) : i + 1;
            } else if (c == '@') {
                i = EmailAddresses.find(text, i, out);
            } else if (c == ':') {
                int resume = IpAddresses.findV6(text, i, out);
                // "TEL;TYPE=cell:07400 131363": a phone field's value starts right after the colon
                boolean field = resume > i + 1
                        && DigitGroups.isDigit(text.charAt(i + 1))
                        && i > 0
                        && Character.isLetter(text.charAt(i - 1))
                        && DigitGroups.phoneLabel(text, i);
                i = field ? i + 1 : resume;
            } else if (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) {
                i = Math.max(i + 1, AccountCodes.find(text, i, out));
            } else {
                i++;
            }
            i = nextStart(text, bytes, i, n);
        }
        return out.size() < 2 ? out : withoutOverlaps(out);
    }

    /**
     * The first place at or after {@code from} where a candidate can start (see {@link #STARTS}), or {@code n}. The
     * text's bytes are read eight at a time for the chars from '0' to ':' and from '@' to 'Z' (digits, ':', '@' and
     * capitals), and only those places are looked at char by char.
     */
    static int nextStart(String text, byte[] bytes, int from, int n) {
        if (from < n && startsCandidate(text, from, n)) {
            return from; // dense input (digit runs, repeated signs) resumes at a candidate: no lanes to read for it
        }
        for (int at = from; at < n; at += 8) {
            long lanes = CharLanes.at(bytes, at);
            long mask = CharLanes.inRange(lanes, '0', ':') | CharLanes.inRange(lanes, '@', 'Z');
            while (mask != 0) {
                int i = at + CharLanes.first(mask);
                if (i < n && startsCandidate(text, i, n)) {
                    return i;
                }
                mask &= mask - 1;
            }
        }
        return n;
    }

    private static boolean startsCandidate(String text, int i, int n) {
        char c = text.charAt(i);
        return c < 128
                && STARTS[c] != 0
                && (STARTS[c] == ALWAYS || (i + 1 < n && AccountCodes.isUpper(text.charAt(i + 1))));
    }

    /**
     * Holds the last token (an address or code may still grow), a run of digit groups that more digits, a cue word
     * after it or a change in the last token could still make a finding, and an IBAN still being written.
     */
    @Override
    public int holdFrom(String text) {
        if (text == null) {
            return 0;
        }
        int floor = Math.max(0, text.length() - LONGEST_MATCH);
        int tail = StreamTails.lastRun(text, LONGEST_MATCH, NO_PII_CHARS);
        int hold = Math.min(tail, OpenNumbers.holdFrom(text, floor, tail));
        hold = Math.min(hold, OpenIbans.holdFrom(text));
        return Math.max(hold, floor);
    }

    /** Characters that end any e-mail address, number or code this detector finds, so a word ending in one is done. */
    private static final String NO_PII_CHARS = "!?,;\"'`<>[]{}|";

    @Override
    public int longestMatch() {
        return LONGEST_MATCH;
    }

    private static int numbers(String text, int first, DigitGroups g, PhoneNumbers.Budget budget, List<Finding> out) {
        if (!g.read(text, first)) {
            int i = first;
            while (i < text.length() && DigitGroups.isDigit(text.charAt(i))) {
                i++;
            }
            return i;
        }
        int before = out.size();
        if (text.charAt(g.start) != '+') { // "+49 ..." is dialled, never a card, Aadhaar or SSN
            NumberIdentifiers.find(text, g, out);
        }
        if (g.dotted) {
            IpAddresses.findV4(text, g, out);
        }
        if (out.size() == before) {
            PhoneNumbers.find(text, g, budget, out);
        }
        return Math.max(first + 1, g.end);
    }

    /** Findings sorted by start; where two overlap, the one of higher precedence stays. */
    private static List<Finding> withoutOverlaps(List<Finding> found) {
        if (disjointInOrder(found)) {
            return found;
        }
        List<Finding> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Finding::start));
        List<Finding> kept = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            int last = kept.size() - 1;
            if (last < 0 || kept.get(last).end() <= f.start()) {
                kept.add(f);
            } else if (PRECEDENCE.indexOf(f.category())
                    < PRECEDENCE.indexOf(kept.get(last).category())) {
                kept.set(last, f);
            }
        }
        return kept;
    }

    private static boolean disjointInOrder(List<Finding> found) {
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).start() < found.get(i - 1).end()) {
                return false;
            }
        }
        return true;
    }
}
