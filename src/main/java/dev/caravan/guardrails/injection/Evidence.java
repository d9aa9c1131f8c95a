package dev.caravan.guardrails.injection;

/** A rule's match placed in the original text: the match itself and the region a finding should cover. */
record Evidence(Rule rule, double weight, int start, int end, int regionStart, int regionEnd) {}
