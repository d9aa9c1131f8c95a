/**
 * Prompt injection and jailbreaks: a normaliser that keeps offsets (NFKC, invisible and tag characters, homoglyphs,
 * leetspeak, spaced letters), rules anchored at trigger words, decoded payloads rescanned, and evidence combined into
 * one risk score per category. Plain Java; knows nothing of Camel, HTTP or the policy.
 */
package dev.caravan.guardrails.injection;
