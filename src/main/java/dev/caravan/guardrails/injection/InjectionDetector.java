package dev.caravan.guardrails.injection;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Detects prompt injections and jailbreaks in any message or document, including encoded and disguised ones. */
public final class InjectionDetector implements Guardrail {
    private static final Rule HIDDEN_TAGS = Rule.synthetic("hidden.tag_text", Category.PROMPT_INJECTION, 0.55);
    private static final Rule INVISIBLE = Rule.synthetic("hidden.zero_width", Category.PROMPT_INJECTION, 0.3);
    private static final Rule ENCODED = Rule.synthetic("encoded.instructions", Category.PROMPT_INJECTION, 0.3);
    private static final Rule SUFFIX = Rule.synthetic("jb.adversarial_suffix", Category.JAILBREAK, 0.6);
    private static final Rule LEARNED_INJECTION = Rule.synthetic("model.ngram", Category.PROMPT_INJECTION, 0.5);
    private static final Rule LEARNED_JAILBREAK = Rule.synthetic("model.ngram_jailbreak", Category.JAILBREAK, 0.5);
    private static final Rule LEANING_INJECTION =
            Rule.syntheticAmplifier("model.ngram_leaning", Category.PROMPT_INJECTION);
    private static final Rule LEANING_JAILBREAK =
            Rule.syntheticAmplifier("model.ngram_leaning_jailbreak", Category.JAILBREAK);
    /**
     * Below its threshold, down to this probability, the model only corroborates: chosen by 5-fold cross-validation on
     * the dev set's tuning half (TuneCorroboration), like the threshold.
     */
    public static final double CORROBORATION_FLOOR = 0.1;
    /** What a corroborating window weighs just under the threshold; it falls linearly to 0 at the floor. */
    public static final double CORROBORATION_WEIGHT = 0.3;

    private static final List<String> DECODE_HINTS = List.of(
            "rot13", "rot-13", "rot 13", "caesar", "cipher", "backward", "revers", "mirror", "decod", "decrypt");
    private static final int HINT_WINDOW = 4_000;
    private static final int IDENTIFIER_REACH = 64;
    /** "backward(s) compatible" is about versions, not about text written backwards. */
    private static final String COMPATIBLE = "compatib";

    private static final int MIN_HIDDEN_TAGS = 8;
    private static final int MIN_INVISIBLE = 6;
    private static final int MAX_DECODE_DEPTH = 2;
    /** Only rules this strong count when they match ROT13 or reversed text (see addTransformed). */
    private static final double TRANSFORMED_MIN_WEIGHT = 0.4;

    private final TextNormalizer normalizer = new TextNormalizer();
    private final RuleMatcher matcher;
    /** The rules strong enough to count in ROT13 or reversed text: the other rules' matches there would be dropped. */
    private final RuleMatcher transformedMatcher;

    private final PayloadDecoder decoder = new PayloadDecoder();
    private final AdversarialSuffix suffix = new AdversarialSuffix();
    private final MentionContext mentions = new MentionContext();
    private final EvidenceScorer scorer = new EvidenceScorer();
    private final NgramModel model;
    private final double corroborationFloor;
    private final double corroborationWeight;

    /** The default rule set: English, multilingual, and jailbreak rules, with the bundled model. */
    public InjectionDetector() {
        this(NgramModel.bundled(), CORROBORATION_FLOOR, CORROBORATION_WEIGHT);
    }

    /**
     * The default rules with another model, and where and how much that model corroborates below its threshold
     * (a floor at or above the threshold turns corroboration off): for training and cross-validation.
     */
    public InjectionDetector(NgramModel model, double corroborationFloor, double corroborationWeight) {
        this.model = model;
        this.corroborationFloor = corroborationFloor;
        this.corroborationWeight = corroborationWeight;
        List<Rule> rules = defaultRules();
        this.matcher = new RuleMatcher(rules);
        this.transformedMatcher = new RuleMatcher(rules.stream()
                .filter(r ->
                        r.weight() >= TRANSFORMED_MIN_WEIGHT && r.literals().isEmpty())
                .toList());
    }

    /** English, multilingual, reader-directed and jailbreak rules, in the order the matcher reports them. */
    static List<Rule> defaultRules() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(PromptInjectionRules.rules());
        rules.addAll(JailbreakRules.rules());
        rules.addAll(MultilingualRules.rules());
        rules.addAll(ReaderDirectedRules.rules());
        rules.addAll(JailbreakFamilyRules.rules());
        return rules;
    }

    @Override
    public String id() {
        return "injection";
    }

    @Override
    public Set<Category> categories() {
        return Set.of(Category.PROMPT_INJECTION, Category.JAILBREAK);
    }

    @Override
    public List<Finding> scan(String text, Source source) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        // No catch-all here: a failure must reach the guard engine, which records it and fails open or closed.
        return scorer.score(evidence(text), source == null ? Source.USER : source, text.length());
    }

    /** Every piece of evidence in {@code text}, before scoring. */
    List<Evidence> evidence(String text) {
        List<Evidence> out = new ArrayList<>();
        collect(text, out);
        return out;
    }

    private void collect(String text, List<Evidence> out) {
        NormalizedText nt = normalizer.normalize(text);
        String folded = nt.text();
        boolean nonAscii = !nt.isIdentity();
        int[] documentStarts = DocumentBoundary.starts(folded);
        // One char copy of the folded text, read by both the rule matcher and the model.
        char[] chars = nt.chars();
        List<Signal> signals = new ArrayList<>();
        matcher.match(folded, chars, nonAscii, documentStarts, signals);
        if (nt.leetVariant() != null) {
            matcher.match(nt.leetVariant(), false, documentStarts, signals);
        }
        // Each match's mention damping, read once: the n-gram window below takes the damping of the matches in it.
        double[] dampings = new double[signals.size()];
        for (int k = 0; k < dampings.length; k++) {
            Signal s = signals.get(k);
            dampings[k] = mentions.damping(folded, s.start(), s.end());
            int[] region = Regions.around(folded, s.start(), s.end());
            double weight = s.rule().weight() * dampings[k];
            out.add(new Evidence(
                    s.rule(),
                    weight,
                    nt.originalStart(s.start()),
                    nt.originalEnd(s.end()),
                    nt.originalStart(region[0]),
                    nt.originalEnd(region[1])));
        }
        learned(folded, chars, nt, signals, dampings, out);
        hiddenText(text, nt, out);
        transformed(folded, nt, out);
        decoded(text, 0, 0, out, MAX_DECODE_DEPTH);
        int[] soup = suffix.find(text);
        if (soup != null) {
            out.add(new Evidence(SUFFIX, SUFFIX.weight(), soup[0], soup[1], soup[0], soup[1]));
        }
    }

    /**
     * The n-gram model's strongest window, when it reaches the model's threshold, weighs from 0.5 up to 1. The model
     * cannot tell a quoted attack from a meant one, so the window takes the mention damping of the rule matches in it
     * (the least damped one); a window with no rule match keeps its full weight. A window between the corroboration
     * floor and the threshold is an amplifier: it strengthens rule evidence but never flags a text on its own.
     * {@code dampings} holds each signal's damping, as collect read it; {@code chars} is {@code folded}'s chars.
     */
    private void learned(
            String folded,
            char[] chars,
            NormalizedText nt,
            List<Signal> signals,
            double[] dampings,
            List<Evidence> out) {
        NgramModel.Window window = model.bestWindow(chars);
        double threshold = model.threshold();
        double p = window.probability();
        boolean strong = p >= threshold;
        if (!strong && (p < corroborationFloor || signals.isEmpty())) {
            return;
        }
        double damping = 0;
        for (int k = 0; k < dampings.length; k++) {
            Signal s = signals.get(k);
            if (s.start() < window.end() && s.end() > window.start()) {
                damping = Math.max(damping, dampings[k]);
            }
        }
        double scale = damping == 0 ? 1.0 : damping;
        double weight = strong
                ? scale * (0.5 + 0.5 * (p - threshold) / Math.max(1e-9, 1.0 - threshold))
                : scale
                        * corroborationWeight
                        * (p - corroborationFloor)
                        / Math.max(1e-9, threshold - corroborationFloor);
        int start = nt.originalStart(window.start());
        int end = nt.originalEnd(window.end());
        boolean jailbreak = model.jailbreak(folded, window);
        Rule rule = strong
                ? (jailbreak ? LEARNED_JAILBREAK : LEARNED_INJECTION)
                : (jailbreak ? LEANING_JAILBREAK : LEANING_INJECTION);
        out.add(new Evidence(rule, Math.min(1.0, weight), start, end, start, end));
    }

    private static void hiddenText(String text, NormalizedText nt, List<Evidence> out) {
        if (nt.hiddenTagChars() >= MIN_HIDDEN_TAGS) {
            int[] span = Regions.tagRun(text);
            out.add(new Evidence(HIDDEN_TAGS, HIDDEN_TAGS.weight(), span[0], span[1], span[0], span[1]));
        }
        if (nt.invisibleChars() >= MIN_INVISIBLE) {
            int[] span = Regions.invisibleRun(text);
            int[] line = Regions.around(text, span[0], span[1]);
            out.add(new Evidence(INVISIBLE, INVISIBLE.weight(), span[0], span[1], line[0], line[1]));
        }
    }

    /**
     * ROT13 and reversed text are only read when the text hints at them near its start; a hint that is a call in code
     * ({@code .reversed()}, {@code b64decode(s)}) or part of "backwards compatible" does not count. Only rules strong
     * enough to count are run there.
     */
    private void transformed(String folded, NormalizedText nt, List<Evidence> out) {
        if (!hinted(folded)) {
            return;
        }
        char[] rot = new char[folded.length()];
        char[] reversed = new char[folded.length()];
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            rot[i] = rot13(c);
            reversed[folded.length() - 1 - i] = c;
        }
        List<Signal> signals = new ArrayList<>();
        transformedMatcher.match(new String(rot), false, new int[] {0, 0, 0}, signals);
        addTransformed(signals, folded, nt, false, out);
        signals.clear();
        transformedMatcher.match(new String(reversed), false, new int[] {0, 0, 0}, signals);
        addTransformed(signals, folded, nt, true, out);
    }

    /** Whether a decode hint occurs in the first {@code HINT_WINDOW} chars outside a method call in code. */
    static boolean hinted(String folded) {
        String head = folded.length() > HINT_WINDOW ? folded.substring(0, HINT_WINDOW) : folded;
        // Three hints share "rot" and two share "dec": one search for each spares its hints when it is absent, as it
        // usually is.
        boolean rot = head.contains("rot");
        boolean dec = head.contains("dec");
        for (String hint : DECODE_HINTS) {
            if ((!rot && hint.startsWith("rot")) || (!dec && hint.startsWith("dec"))) {
                continue;
            }
            for (int at = head.indexOf(hint); at >= 0; at = head.indexOf(hint, at + 1)) {
                if (!codeCall(head, at) && !compatibility(head, at + hint.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The word holding {@code at} follows a '.' or is followed by '(': a method name, not an instruction. Only the
     * {@code IDENTIFIER_REACH} chars either side are read, so hostile runs of hint words stay cheap.
     */
    private static boolean codeCall(String text, int at) {
        int start = at;
        while (start > 0 && at - start < IDENTIFIER_REACH && identifierChar(text.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < text.length() && end - at < IDENTIFIER_REACH && identifierChar(text.charAt(end))) {
            end++;
        }
        return (start > 0 && text.charAt(start - 1) == '.') || (end < text.length() && text.charAt(end) == '(');
    }

    /** "backward compatible", "backwards-compatibility" and the like, read from just after the hint. */
    private static boolean compatibility(String text, int after) {
        int at = after < text.length() && text.charAt(after) == 's' ? after + 1 : after;
        return text.startsWith(COMPATIBLE, at + 1);
    }

    private static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static void addTransformed(
            List<Signal> signals, String folded, NormalizedText nt, boolean reversed, List<Evidence> out) {
        int n = folded.length();
        for (Signal s : signals) {
            if (s.rule().weight() < TRANSFORMED_MIN_WEIGHT) {
                continue;
            }
            int start = reversed ? n - s.end() : s.start();
            int end = reversed ? n - s.start() : s.end();
            int[] region = Regions.around(folded, start, end);
            int os = nt.originalStart(start);
            int oe = nt.originalEnd(end);
            out.add(new Evidence(
                    s.rule(), s.rule().weight(), os, oe, nt.originalStart(region[0]), nt.originalEnd(region[1])));
            out.add(new Evidence(ENCODED, ENCODED.weight(), os, oe, os, oe));
        }
    }

    /** Decoded payloads are rescanned; their evidence points at the encoded run in the original text. */
    private void decoded(String text, int base, int depthUsed, List<Evidence> out, int maxDepth) {
        if (depthUsed >= maxDepth) {
            return;
        }
        for (PayloadDecoder.Payload p : decoder.decode(text)) {
            NormalizedText nt = normalizer.normalize(p.decoded());
            List<Signal> signals = new ArrayList<>();
            matcher.match(nt.text(), !nt.isIdentity(), new int[] {0, 0, 0}, signals);
            int s = base + p.start();
            int e = base + p.end();
            for (Signal signal : signals) {
                out.add(new Evidence(signal.rule(), signal.rule().weight(), s, e, s, e));
            }
            if (!signals.isEmpty()) {
                out.add(new Evidence(ENCODED, ENCODED.weight(), s, e, s, e));
            } else if (base == 0) {
                List<Evidence> inner = new ArrayList<>();
                decoded(p.decoded(), 0, depthUsed + 1, inner, maxDepth);
                for (Evidence ev : inner) {
                    out.add(new Evidence(ev.rule(), ev.weight(), s, e, s, e));
                }
            }
        }
    }

    private static char rot13(char c) {
        if (c >= 'a' && c <= 'z') {
            return (char) ('a' + (c - 'a' + 13) % 26);
        }
        if (c >= 'A' && c <= 'Z') {
            return (char) ('A' + (c - 'A' + 13) % 26);
        }
        return c;
    }
}
