package dev.caravan.guardrails.injection;

/** A rule that matched, with the matched region in the scanned (normalized or decoded) text. */
record Signal(Rule rule, int start, int end) {}
