/**
 * Gateway keys ({@code cvn_…}): their hashes, workspaces and allow-lists, looked up in constant time; plain Java, no
 * Camel. A key itself is never stored, logged or recorded, only its hash and the id derived from it.
 */
package dev.caravan.keys;
