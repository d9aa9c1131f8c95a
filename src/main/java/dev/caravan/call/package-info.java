/** The per-call record, its usage and trace context, and the ledger of calls in flight; plain Java, no Camel. */
package dev.caravan.call;
