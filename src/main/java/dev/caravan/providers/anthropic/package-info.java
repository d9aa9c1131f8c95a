/** Anthropic Messages as a route target: OpenAI chat requests, answers, streams and errors translated both ways. */
package dev.caravan.providers.anthropic;
