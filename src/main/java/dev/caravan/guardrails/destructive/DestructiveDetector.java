package dev.caravan.guardrails.destructive;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds commands and queries that would destroy data or systems (rm -rf of the root, disk wipes, cloud and cluster
 * deletion, force-push, DROP/TRUNCATE/unscoped DELETE…) and SQL injection payloads. A command that is only talked
 * about (a question, an echo or grep argument, a commit message, heredoc data, a comment) scores {@value #MENTION}.
 */
public final class DestructiveDetector implements Guardrail {
    /** The score of a command that is mentioned, not run: below any sensible deny threshold, still visible in logs. */
    static final double MENTION = 0.35;

    private static final int BLOCK_SHIFT = 9;
    /** How much of a text is read a second time, one JSON level down. */
    private static final int SECOND_READING = 1 << 14;

    private static final Pattern PIPE_TO_SHELL = Pattern.compile("\\|\\s*(?:sudo\\s+)?(?:ba|z|da|k)?sh\\b");
    private static final Set<Category> CATEGORIES = Set.of(Category.DESTRUCTIVE, Category.SQL_INJECTION);

    @Override
    public String id() {
        return "destructive";
    }

    @Override
    public Set<Category> categories() {
        return CATEGORIES;
    }

    @Override
    public List<Finding> scan(String text, Source source) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        TriggerScanner.Candidates candidates = TriggerScanner.scan(text);
        if (candidates == null) {
            return List.of();
        }
        List<Finding> findings = analyse(text, candidates);
        int escaped = text.indexOf("\\\"");
        return escaped >= 0 && !decided(findings) ? withUnescaped(text, escaped, findings) : findings;
    }

    /** A destructive finding above a mention's score: a second reading could add nothing the policy would act on. */
    private static boolean decided(List<Finding> findings) {
        for (Finding f : findings) {
            if (f.category() == Category.DESTRUCTIVE && f.score() > MENTION) {
                return true;
            }
        }
        return false;
    }

    /**
     * A tool call's arguments are a JSON string that holds JSON ({@code "{\"command\": \"rm -rf /\"}"}): read once
     * more one level down, the outer strings' quotes blanked and one level of backslash escapes undone, so the inner
     * strings' quotes bound the command; the findings are mapped back onto the text. Only {@value #SECOND_READING}
     * chars from the first escaped quote are read again, so escaped input costs at most that much more.
     */
    private List<Finding> withUnescaped(String text, int firstEscape, List<Finding> findings) {
        int from = Math.max(0, firstEscape - ShellSpan.COMMAND_WINDOW);
        int n = Math.min(text.length(), from + SECOND_READING);
        StringBuilder plain = new StringBuilder(n - from);
        int[] origin = new int[n - from + 1];
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                c = ' '; // the outer strings' own quotes: their structure was read by the first pass
            } else if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                i++;
                c = text.charAt(i);
            }
            origin[plain.length()] = i;
            plain.append(c);
        }
        origin[plain.length()] = n;
        String unescaped = plain.toString();
        TriggerScanner.Candidates candidates = TriggerScanner.scan(unescaped);
        if (candidates == null) {
            return findings;
        }
        List<Finding> all = new ArrayList<>(findings);
        for (Finding f : analyse(unescaped, candidates)) {
            int end = f.end() == 0 ? 0 : origin[f.end() - 1] + 1;
            all.add(new Finding(origin[f.start()], end, f.category(), f.score()));
        }
        return merge(all);
    }

    private List<Finding> analyse(String text, TriggerScanner.Candidates candidates) {
        ShellContext context = new ShellContext(text);
        List<Finding> findings = new ArrayList<>(2);
        int destructiveUntil = 0;
        int injectionUntil = 0;
        for (int k = 0; k < candidates.size(); k++) {
            Trigger trigger = candidates.trigger(k);
            int start = candidates.start(k);
            if (start < (trigger.injection() ? injectionUntil : destructiveUntil)) {
                continue;
            }
            Rule rule = trigger.rule();
            char guess = ShellSpan.likelyClose(text, start);
            Hit first = rule.match(new Spot(text, start, candidates.end(k), guess));
            if (first == null) {
                continue;
            }
            context.advanceTo(start);
            // The injection rules never read the closing quote, so their verdict holds whatever the context says.
            Hit hit = context.close() == guess || trigger.injection()
                    ? first
                    : rule.match(new Spot(text, start, candidates.end(k), context.close()));
            if (hit == null || hit.shell() && rehearsal(text, hit.start(), hit.end())) {
                continue;
            }
            Finding finding = place(text, hit, context);
            findings.add(finding);
            int until = finding.end();
            if (findings.size() >= 2 && sameBlockRepeat(findings, finding)) {
                until = Math.max(until, blockEnd(start));
            }
            if (trigger.injection()) {
                injectionUntil = until;
            } else {
                destructiveUntil = until;
            }
        }
        return merge(findings);
    }

    /** Grows a hit over the wrappers and interpreter strings that run it, and lowers it when it is only mentioned. */
    private static Finding place(String text, Hit hit, ShellContext context) {
        int start = hit.start();
        int end = Math.max(hit.end(), start);
        if (hit.shell()) {
            int segment = Math.min(context.segmentFloor(start), start);
            start = ShellSpan.wrappersBefore(text, start, segment);
            int chain = context.chainFloor(start);
            if (chain < start && precededByOperator(text, start, chain)) {
                start = chain;
            }
        }
        int outer = hit.category() == Category.SQL_INJECTION ? 0 : context.outerWrapper();
        if (outer > 0 && (hit.shell() || context.owner(outer) < start)) {
            int closing = ShellSpan.closingQuote(text, end, context.quoteChar(outer));
            if (closing > 0 && hit.shell()) {
                start = Math.min(start, context.owner(outer));
                end = closing;
            }
        }
        boolean mentioned = context.carriesData() && !pipedIntoShell(text, end) || MentionCues.talkedAbout(text, start);
        double score = mentioned ? Math.min(hit.score(), MENTION) : hit.score();
        return new Finding(start, Math.min(end, text.length()), hit.category(), score);
    }

    /**
     * Two findings of one category in the same 512-character block already decide the text; the rest of that block
     * is skipped, which keeps trigger-dense input cheap.
     */
    private static boolean sameBlockRepeat(List<Finding> findings, Finding latest) {
        Finding previous = findings.get(findings.size() - 2);
        return previous.category().equals(latest.category())
                && previous.start() >>> BLOCK_SHIFT == latest.start() >>> BLOCK_SHIFT;
    }

    private static int blockEnd(int pos) {
        return ((pos >>> BLOCK_SHIFT) + 1) << BLOCK_SHIFT;
    }

    private static boolean precededByOperator(String text, int start, int floor) {
        int i = start;
        while (i > floor && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i > floor && "&|;".indexOf(text.charAt(i - 1)) >= 0;
    }

    /**
     * A dry run ({@code --dry-run}, {@code --dryrun}, PowerShell {@code -WhatIf}) only shows what the command would
     * delete; {@code kubectl --dry-run=none} is the real thing.
     */
    private static boolean rehearsal(String text, int start, int end) {
        for (int i = text.indexOf("-", start); i >= 0 && i < end; i = text.indexOf("-", i + 1)) {
            if (text.regionMatches(true, i, "--dry-run", 0, 9) && !text.regionMatches(true, i + 9, "=none", 0, 5)
                    || text.regionMatches(true, i, "--dryrun", 0, 8)
                    || text.regionMatches(true, i, "-whatif", 0, 7)) {
                return true;
            }
        }
        return false;
    }

    /** {@code echo "rm -rf /" | sh} runs what it echoes. */
    private static boolean pipedIntoShell(String text, int end) {
        int limit = ShellSpan.lineEnd(text, end, 120);
        int from = Math.min(end, limit);
        // A region with opaque bounds sees the line's rest as the regex would see it cut out, without the copy.
        for (int i = from; i < limit; i++) {
            if (text.charAt(i) == '|') {
                return PIPE_TO_SHELL.matcher(text).region(from, limit).find();
            }
        }
        return false;
    }

    private static List<Finding> merge(List<Finding> findings) {
        if (findings.size() < 2) {
            return findings;
        }
        findings.sort((a, b) ->
                a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        List<Finding> merged = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding same = null;
            for (int k = merged.size() - 1; k >= 0 && k >= merged.size() - 4; k--) {
                Finding m = merged.get(k);
                if (m.category().equals(f.category()) && f.start() < m.end()) {
                    same = m;
                    merged.set(
                            k,
                            new Finding(
                                    m.start(),
                                    Math.max(m.end(), f.end()),
                                    m.category(),
                                    Math.max(m.score(), f.score())));
                    break;
                }
            }
            if (same == null) {
                merged.add(f);
            }
        }
        return merged;
    }
}
