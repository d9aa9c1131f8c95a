package dev.caravan.providers;

import dev.caravan.guardrails.policy.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Texts read out of a JSON tree for the guardrails, each remembering the choice it belongs to and how to write a
 * masked version back into the tree: the common core of every API's {@link GuardTexts}.
 */
public abstract class TextSlots implements GuardTexts {
    private record Slot(ScanText text, int choice, Consumer<String> writeBack) {}

    private final List<Slot> slots = new ArrayList<>();

    /** Adds a text; {@code writeBack} puts a masked version of it into the tree. */
    protected final void add(ScanText text, int choice, Consumer<String> writeBack) {
        slots.add(new Slot(text, choice, writeBack));
    }

    @Override
    public final List<ScanText> texts() {
        return slots.stream().map(Slot::text).toList();
    }

    /** The choice index each text belongs to (-1 in a request). */
    @Override
    public final int choiceOf(int text) {
        return slots.get(text).choice();
    }

    /** Writes back every text that differs from what was read. */
    @Override
    public final void write(List<String> texts) {
        for (int i = 0; i < slots.size(); i++) {
            if (!texts.get(i).equals(slots.get(i).text().text())) {
                slots.get(i).writeBack().accept(texts.get(i));
            }
        }
    }
}
