/**
 * The wire APIs the gateway speaks, one subpackage per provider: request parsing, the texts guardrails read, usage,
 * stream taps, translation and auth. Pure: no Camel and no I/O. The interfaces here are what the governed chain in
 * {@code routes} and {@code processors} sees of an ingress API ({@link dev.caravan.providers.Wire}) and of a route
 * target that speaks another API than the ingress ({@link dev.caravan.providers.ChatTranslator}).
 */
package dev.caravan.providers;
