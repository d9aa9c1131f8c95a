package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one phase decided: the strongest action taken, each text as it may pass (masked where redacted) with its own
 * strongest action, the categories that fired (observed ones included), those that denied or held, the risk, the
 * redaction counts and the detectors that failed.
 */
public record Outcome(
        Action action,
        List<String> texts,
        List<Action> textActions,
        Set<Category> signals,
        Set<Category> denied,
        Set<Category> held,
        double risk,
        Map<Category, Integer> redactions,
        List<String> failedOpen,
        boolean failedClosed) {

    /** The outcome of a phase that did not run. */
    public static Outcome skipped(List<ScanText> texts) {
        List<String> same = new java.util.ArrayList<>(texts.size());
        for (ScanText text : texts) {
            same.add(text.text());
        }
        List<Action> none = java.util.Collections.nCopies(texts.size(), Action.ALLOW);
        return new Outcome(Action.ALLOW, same, none, Set.of(), Set.of(), Set.of(), 0.0, Map.of(), List.of(), false);
    }

    public boolean changed() {
        return !redactions.isEmpty();
    }

    /** The verdict word recorded for the phase: allow, observe, redact, hold or deny. */
    public String verdict() {
        return action.id();
    }
}
