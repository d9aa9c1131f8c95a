package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every guardrail once over each text of a phase and applies the policy: which findings count, the strongest
 * action, and the exact masks for the redacted spans. A detector that throws fails open (or closed, by policy).
 */
public final class GuardEngine {
    private static final Logger LOG = LoggerFactory.getLogger(GuardEngine.class);

    private final List<Guardrail> guardrails;
    private final GuardPolicy policy;
    private final Map<Phase, Map<Source, StreamGuard.Roles>> streamRoles =
            new java.util.concurrent.ConcurrentHashMap<>();

    public GuardEngine(List<Guardrail> guardrails, GuardPolicy policy) {
        this.guardrails = List.copyOf(guardrails);
        this.policy = policy;
    }

    /** How many detectors run (the built-in ones, integration teams' beans and the policy's custom rules). */
    public int detectorCount() {
        return guardrails.size();
    }

    public GuardPolicy policy() {
        return policy;
    }

    /** A fresh guard for one streamed answer: redactors for its texts, and the phase's outcome once it ends. */
    public StreamGuard stream(Phase phase) {
        Map<Source, StreamGuard.Roles> roles =
                streamRoles.computeIfAbsent(phase, p -> new java.util.concurrent.ConcurrentHashMap<>());
        return new StreamGuard(guardrails, policy.phase(phase), phase, policy.failClosed(), roles);
    }

    public Outcome check(Phase phase, List<ScanText> texts) {
        PhasePolicy rules = policy.phase(phase);
        if (rules.mode() == Mode.OFF) {
            return Outcome.skipped(texts);
        }
        Action strongest = Action.ALLOW;
        List<String> out = new ArrayList<>(texts.size());
        List<Action> textActions = new ArrayList<>(texts.size());
        Set<Category> signals = new LinkedHashSet<>();
        Set<Category> denied = new LinkedHashSet<>();
        Set<Category> held = new LinkedHashSet<>();
        Map<Category, Integer> redactions = new LinkedHashMap<>();
        Set<String> failed = new TreeSet<>();
        double risk = 0.0;
        for (ScanText text : texts) {
            Action textAction = Action.ALLOW;
            List<Finding> masks = new ArrayList<>();
            for (Guardrail guardrail : guardrails) {
                List<Finding> findings = scan(guardrail, text, failed);
                if (findings.isEmpty()) {
                    continue; // the usual case: no iterator to allocate
                }
                for (Finding finding : findings) {
                    Action action = rules.actionFor(finding, text.source());
                    if (action == null) {
                        continue;
                    }
                    if (action == Action.HOLD && phase == Phase.COMPLETION) {
                        action = Action.DENY; // nobody can approve an answer already being returned
                    }
                    signals.add(finding.category());
                    risk = Math.max(risk, finding.score());
                    if (action == Action.REDACT) {
                        masks.add(finding);
                    } else if (action == Action.DENY) {
                        denied.add(finding.category());
                    } else if (action == Action.HOLD) {
                        held.add(finding.category());
                    }
                    textAction = stronger(textAction, action);
                }
            }
            out.add(Redaction.apply(text.text(), masks, redactions));
            textActions.add(textAction);
            strongest = stronger(strongest, textAction);
        }
        boolean failedClosed = !failed.isEmpty() && policy.failClosed();
        if (failedClosed) {
            strongest = Action.DENY;
        }
        return new Outcome(
                strongest,
                out,
                textActions,
                ordered(signals),
                ordered(denied),
                ordered(held),
                risk,
                redactions,
                List.copyOf(failed),
                failedClosed);
    }

    private static List<Finding> scan(Guardrail guardrail, ScanText text, Set<String> failed) {
        return scan(guardrail, text.text(), text.source(), failed);
    }

    /** One guardrail's findings, or none when it throws or reports a span outside the text (recorded in failed). */
    static List<Finding> scan(Guardrail guardrail, String text, Source source, Set<String> failed) {
        try {
            List<Finding> found = guardrail.scan(text, source);
            if (found.isEmpty()) {
                return found;
            }
            int length = text.length();
            for (Finding f : found) {
                if (f.end() > length) {
                    throw new IllegalStateException("span [" + f.start() + ", " + f.end() + ") past the text's end");
                }
            }
            return found;
        } catch (RuntimeException | StackOverflowError e) {
            failed.add(guardrail.id());
            // Only the exception's class: its message could quote the scanned text, which may hold a secret.
            LOG.warn("guardrail {} failed ({})", guardrail.id(), e.getClass().getName());
            return List.of();
        }
    }

    static Action stronger(Action a, Action b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Built-in categories in their canonical order, then custom ones by name. */
    static Set<Category> ordered(Set<Category> categories) {
        List<Category> sorted = new ArrayList<>(categories);
        sorted.sort(Comparator.comparingInt((Category c) -> {
                    int i = Category.BUILT_IN.indexOf(c);
                    return i < 0 ? Integer.MAX_VALUE : i;
                })
                .thenComparing(Category::id));
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
    }
}
