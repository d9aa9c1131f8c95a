/**
 * Audit events: one JSON object per finished call, built from its {@code CallRecord}, and the plain-Java pieces of
 * its sinks (the rolling JSONL file, the Kafka spool). No Camel here; {@code routes.AuditRoutes} wires the sinks.
 * An event never holds a prompt, a completion or a key.
 */
package dev.caravan.audit;
