/** Held requests waiting for a human: each approval is bound to one request body's hash, expires, and survives a restart. */
package dev.caravan.guardrails.approvals;
