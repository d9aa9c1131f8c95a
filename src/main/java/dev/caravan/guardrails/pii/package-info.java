/**
 * Personal data: e-mail, phone (libphonenumber), US SSN, payment cards, IBAN, Aadhaar, PAN and IP addresses, found by
 * one hand-written pass and confirmed by validators. Plain Java; knows nothing of Camel, HTTP or the policy.
 */
package dev.caravan.guardrails.pii;
