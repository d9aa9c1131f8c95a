/** Gemini's native generateContent API as a route target: OpenAI chat translated both ways. Pure, no Camel, no I/O. */
package dev.caravan.providers.gemini;
