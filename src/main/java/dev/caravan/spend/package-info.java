/** What calls cost: the price table and exact micro-dollar arithmetic; plain Java, no Camel. */
package dev.caravan.spend;
