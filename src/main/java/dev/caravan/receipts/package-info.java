/** Signed receipts: Ed25519 keys, the hash-chained receipt log and its offline verifier, in plain Java that knows nothing of Camel or HTTP. */
package dev.caravan.receipts;
