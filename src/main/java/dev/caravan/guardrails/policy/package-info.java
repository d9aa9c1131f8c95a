/**
 * The guardrail policy: per phase a mode, per category an action and a threshold, and the engine that runs every
 * detector over a request's texts once and turns the findings into one decision with exact redactions. Plain Java.
 */
package dev.caravan.guardrails.policy;
