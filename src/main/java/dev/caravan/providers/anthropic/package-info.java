/**
 * Anthropic Messages both ways: the native {@code /anthropic} ingress ({@code Messages*}: request, texts, verdicts, usage,
 * stream tap and governor) and the route target that translates OpenAI chat requests, answers, streams and errors.
 */
package dev.caravan.providers.anthropic;
