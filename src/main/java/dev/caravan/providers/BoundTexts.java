package dev.caravan.providers;

import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Texts read out of a JSON tree, each with the output it belongs to and a way to write a masked version back. */
public final class BoundTexts implements GuardTexts {
    private record Slot(ScanText text, int choice, Consumer<String> writeBack) {}

    private final List<Slot> slots = new ArrayList<>();

    /** Adds a text from {@code source}, in output {@code choice} (-1 in a request). */
    public void add(String text, Source source, int choice, Consumer<String> writeBack) {
        slots.add(new Slot(new ScanText(text, source), choice, writeBack));
    }

    @Override
    public List<ScanText> texts() {
        List<ScanText> texts = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            texts.add(slot.text());
        }
        return texts;
    }

    @Override
    public int choiceOf(int text) {
        return slots.get(text).choice();
    }

    @Override
    public void write(List<String> texts) {
        for (int i = 0; i < slots.size(); i++) {
            if (!texts.get(i).equals(slots.get(i).text().text())) {
                slots.get(i).writeBack().accept(texts.get(i));
            }
        }
    }

    /** How many characters the texts have in all: a rough token estimate is a quarter of it. */
    public long characters() {
        long characters = 0;
        for (Slot slot : slots) {
            characters += slot.text().text().length();
        }
        return characters;
    }
}
