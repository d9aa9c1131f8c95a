package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Guardrail;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The guardrail engine in force: the built-in and integration teams' detectors with the current policy (and its custom
 * rules). A reloaded config file swaps in a new engine; a call keeps the engine its prompt was checked with.
 */
public final class LiveGuardEngine implements Supplier<GuardEngine> {
    private final List<Guardrail> detectors;
    private final AtomicReference<GuardEngine> current = new AtomicReference<>();

    /** {@code detectors}: every detector but the policy's custom rules, which come with each policy. */
    public LiveGuardEngine(List<Guardrail> detectors, GuardPolicy policy) {
        this.detectors = List.copyOf(detectors);
        apply(policy);
    }

    @Override
    public GuardEngine get() {
        return current.get();
    }

    /** Puts a new policy in force. */
    public void apply(GuardPolicy policy) {
        current.set(engineFor(policy));
    }

    /** An engine with the same detectors judging by another policy (an endpoint's own, say). */
    public GuardEngine engineFor(GuardPolicy policy) {
        List<Guardrail> all = new ArrayList<>(detectors);
        if (!policy.customRules().isEmpty()) {
            all.add(new CustomRules(policy.customRules()));
        }
        return new GuardEngine(all, policy);
    }
}
