package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.destructive.DestructiveDetector;
import dev.caravan.guardrails.injection.InjectionDetector;
import dev.caravan.guardrails.pii.PiiDetector;
import dev.caravan.guardrails.secrets.SecretDetector;
import java.util.List;

/** The detectors every gateway runs: secrets, PII, prompt injection and jailbreaks, destructive operations. */
public final class BuiltInGuardrails {
    private BuiltInGuardrails() {}

    public static List<Guardrail> create() {
        return List.of(new SecretDetector(), new PiiDetector(), new InjectionDetector(), new DestructiveDetector());
    }
}
