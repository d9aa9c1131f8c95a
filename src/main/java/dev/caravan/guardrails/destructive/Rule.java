package dev.caravan.guardrails.destructive;

/** Decides whether the command or statement starting at a trigger word is destructive; null when it is not. */
@FunctionalInterface
interface Rule {
    Hit match(Spot spot);
}
