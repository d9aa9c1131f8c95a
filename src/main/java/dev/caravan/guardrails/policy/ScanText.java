package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Source;

/** One text of a request or an answer, and where it came from. */
public record ScanText(String text, Source source) {}
