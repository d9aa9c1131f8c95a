package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guardrails of one streamed answer: a {@link StreamRedactor} per streamed text (the content of a choice, the
 * arguments of a tool call), and what all of them found gathered into the phase's {@link Outcome}. Used by one
 * stream's relay thread at a time.
 */
public final class StreamGuard {
    private final List<Guardrail> guardrails;
    private final PhasePolicy rules;
    private final Phase phase;
    private final boolean failClosed;
    private final Map<Source, Roles> roles;
    private final Set<Category> signals = new LinkedHashSet<>();
    private final Set<Category> denied = new LinkedHashSet<>();
    private final Map<Category, Integer> redactions = new LinkedHashMap<>();
    private final Set<String> failed = new TreeSet<>();
    private Action strongest = Action.ALLOW;
    private double risk;
    private long nanos;

    /** The guardrails that can mask or deny on a source's text, and those that can only observe it. */
    record Roles(List<Guardrail> acting, List<Guardrail> observing) {}

    /** {@code roles} is the engine's cache for this phase, shared by its streams: the split depends on the policy only. */
    StreamGuard(
            List<Guardrail> guardrails, PhasePolicy rules, Phase phase, boolean failClosed, Map<Source, Roles> roles) {
        this.guardrails = guardrails;
        this.rules = rules;
        this.phase = phase;
        this.failClosed = failClosed;
        this.roles = roles;
    }

    /**
     * A redactor for one streamed text from {@code source}. The guardrails that can mask or deny there scan every
     * delta and decide what is held back; those that can only observe read the released text in batches.
     */
    public StreamRedactor redactor(Source source) {
        Roles split = roles.computeIfAbsent(source, this::roles);
        return new StreamRedactor(this, source, split.acting(), split.observing());
    }

    private Roles roles(Source source) {
        List<Guardrail> acting = new ArrayList<>();
        List<Guardrail> observing = new ArrayList<>();
        for (Guardrail guardrail : guardrails) {
            Action most = Action.ALLOW;
            for (Category category : guardrail.categories()) {
                Action action = actionFor(new Finding(0, 0, category, 1.0), source);
                most = action == null ? most : GuardEngine.stronger(most, action);
            }
            if (most.compareTo(Action.REDACT) >= 0) {
                acting.add(guardrail);
            } else if (most == Action.OBSERVE) {
                observing.add(guardrail);
            }
        }
        return new Roles(List.copyOf(acting), List.copyOf(observing));
    }

    /** What the phase decided over every text of the stream, as the non-streamed check would report it. */
    public Outcome outcome() {
        boolean failedClosed = failedClosed();
        return new Outcome(
                failedClosed ? Action.DENY : strongest,
                List.of(),
                List.of(),
                GuardEngine.ordered(signals),
                GuardEngine.ordered(denied),
                Set.of(),
                risk,
                Map.copyOf(redactions),
                List.copyOf(failed),
                failedClosed);
    }

    /** Time spent in the redactors of this stream, in microseconds. */
    public long micros() {
        return nanos / 1_000;
    }

    /** The action a finding takes here; nobody can approve an answer already being streamed, so hold denies. */
    Action actionFor(Finding finding, Source source) {
        Action action = rules.actionFor(finding, source);
        return action == Action.HOLD && phase == Phase.COMPLETION ? Action.DENY : action;
    }

    void found(Finding finding, Action action) {
        signals.add(finding.category());
        risk = Math.max(risk, finding.score());
        if (action == Action.DENY) {
            denied.add(finding.category());
        }
        strongest = GuardEngine.stronger(strongest, action);
    }

    Map<Category, Integer> redactions() {
        return redactions;
    }

    Set<String> failed() {
        return failed;
    }

    boolean failedClosed() {
        return failClosed && !failed.isEmpty();
    }

    void spent(long elapsedNanos) {
        nanos += elapsedNanos;
    }
}
