package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.util.List;
import java.util.Set;

/** A secrets guardrail that throws on every text: what the engine and the stream redactor must survive. */
final class BrokenGuardrail implements Guardrail {
    @Override
    public String id() {
        return "broken";
    }

    @Override
    public Set<Category> categories() {
        return Set.of(Category.SECRET);
    }

    @Override
    public List<Finding> scan(String text, Source source) {
        throw new IllegalStateException("boom");
    }
}
