/**
 * Prompt injection and jailbreaks: a normaliser that keeps offsets (NFKC, invisible and tag characters, homoglyphs,
 * leetspeak, spaced letters), rules anchored at trigger words (each tried only where its pattern can start), decoded
 * payloads rescanned, a small learned n-gram model as one more piece of evidence, and evidence combined into one risk
 * score per category. Plain Java; knows nothing of Camel, HTTP or the policy.
 */
package dev.caravan.guardrails.injection;
