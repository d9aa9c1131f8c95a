/** What calls cost and how fast they may come: the price table, micro-dollar arithmetic and per-key rate limits; plain Java, no Camel. */
package dev.caravan.spend;
