/**
 * The secrets detector: vendor tokens, private keys, credentials in URLs, command lines and assignments. It owns its
 * own single-pass scanner and value checks and depends only on the core guardrail types, never on Camel or HTTP.
 */
package dev.caravan.guardrails.secrets;
