/**
 * Provider adapters: the contract every cross-provider translator implements ({@link dev.caravan.providers.ChatTranslator})
 * and the OpenAI chat shapes they all write; one package per provider below. Pure: no Camel, no I/O.
 */
package dev.caravan.providers;
