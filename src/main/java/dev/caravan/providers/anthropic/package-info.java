/**
 * Anthropic's Messages API: the native {@code /anthropic} ingress ({@code Messages*}: request, texts, verdicts, usage,
 * stream tap and governor). Pure: no Camel and no I/O.
 */
package dev.caravan.providers.anthropic;
