package dev.caravan.guardrails.policy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.StreamTails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * The operator's custom rules as one guardrail: patterns run through RE2/J (linear time whatever the pattern) and
 * keyword lists through one Aho-Corasick automaton, matched as whole words regardless of case.
 */
public final class CustomRules implements Guardrail {
    private record Compiled(Category category, Pattern pattern, Trie keywords) {}

    /** How much of a stream's last line is held back for a custom regex, which could match anything. */
    static final int REGEX_HOLD = 256;

    private final List<Compiled> rules;
    private final Set<Category> categories;
    private final boolean anyRegex;
    private final int longestKeyword;

    public CustomRules(List<CustomRule> rules) {
        List<Compiled> compiled = new ArrayList<>();
        Set<Category> cats = new LinkedHashSet<>();
        for (CustomRule rule : rules) {
            cats.add(rule.category());
            if (rule.regex() != null) {
                compiled.add(new Compiled(rule.category(), compile(rule), null));
            } else {
                Trie trie = Trie.builder()
                        .ignoreCase()
                        .onlyWholeWords()
                        .addKeywords(rule.keywords())
                        .build();
                compiled.add(new Compiled(rule.category(), null, trie));
            }
        }
        this.rules = List.copyOf(compiled);
        this.categories = Set.copyOf(cats);
        this.anyRegex = rules.stream().anyMatch(r -> r.regex() != null);
        this.longestKeyword = rules.stream()
                .filter(r -> r.regex() == null)
                .flatMap(r -> r.keywords().stream())
                .mapToInt(String::length)
                .max()
                .orElse(0);
    }

    /** Compiles a rule's pattern, or explains why it cannot be used. */
    public static Pattern compile(CustomRule rule) {
        try {
            return Pattern.compile(rule.regex());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "custom rule '" + rule.name() + "': the regex is not valid RE2 syntax: " + e.getDescription());
        }
    }

    @Override
    public String id() {
        return "custom";
    }

    @Override
    public Set<Category> categories() {
        return categories;
    }

    /**
     * A regex could match anything, so a stream holds its last line (at most {@value #REGEX_HOLD} characters); for
     * keyword lists it holds the trailing words that could still be (the start of) a keyword.
     */
    @Override
    public int holdFrom(String text) {
        if (anyRegex) {
            return StreamTails.lastLine(text, longestMatch());
        }
        int n = text.length();
        int from = StreamTails.lastToken(text);
        for (int t = StreamTails.previousToken(text, from); t < from && n - t <= longestKeyword; ) {
            from = t;
            t = StreamTails.previousToken(text, from);
        }
        return from;
    }

    @Override
    public int longestMatch() {
        return Math.max(anyRegex ? REGEX_HOLD : 0, longestKeyword + 1);
    }

    @Override
    public List<Finding> scan(String text, Source source) {
        List<Finding> found = new ArrayList<>();
        for (Compiled rule : rules) {
            if (rule.pattern != null) {
                Matcher m = rule.pattern.matcher(text);
                int from = 0;
                while (from <= text.length() && m.find(from)) {
                    if (m.end() > m.start()) {
                        found.add(new Finding(m.start(), m.end(), rule.category, 1.0));
                    }
                    from = Math.max(m.end(), m.start() + 1);
                }
            } else {
                for (Emit emit : rule.keywords.parseText(text)) {
                    found.add(new Finding(emit.getStart(), emit.getEnd() + 1, rule.category, 1.0));
                }
            }
        }
        return found;
    }
}
