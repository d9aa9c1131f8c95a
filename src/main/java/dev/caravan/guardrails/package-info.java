/**
 * Guardrails: detectors, the policy that turns their findings into decisions, and redaction, in plain Java that knows
 * nothing of Camel or HTTP. Every detector is linear in its input and reports exact spans.
 */
package dev.caravan.guardrails;
