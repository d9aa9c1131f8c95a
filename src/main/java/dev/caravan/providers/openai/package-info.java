/** OpenAI wire format: request parsing, usage, stream tap, header allow-lists; pure, no Camel and no I/O. */
package dev.caravan.providers.openai;
