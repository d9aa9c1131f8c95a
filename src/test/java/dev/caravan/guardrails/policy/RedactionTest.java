package dev.caravan.guardrails.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void spansAreMaskedExactlyAndTheRestIsKept() {
        Map<Category, Integer> counts = new LinkedHashMap<>();
        List<Finding> spans = new ArrayList<>(
                List.of(new Finding(6, 11, Category.PII_EMAIL, 1.0), new Finding(0, 5, Category.SECRET, 1.0)));

        String masked = Redaction.apply("abcde fghij klm", spans, counts);

        assertThat(masked).isEqualTo("[REDACTED:secret] [REDACTED:pii_email] klm");
        assertThat(counts).containsEntry(Category.SECRET, 1).containsEntry(Category.PII_EMAIL, 1);
    }

    @Test
    void aSpanInsideAnotherIsCoveredByTheOuterMask() {
        Map<Category, Integer> counts = new LinkedHashMap<>();
        List<Finding> spans = new ArrayList<>(
                List.of(new Finding(2, 4, Category.PII_PHONE, 1.0), new Finding(0, 8, Category.SECRET, 1.0)));

        assertThat(Redaction.apply("0123456789", spans, counts)).isEqualTo("[REDACTED:secret]89");
        assertThat(counts).containsOnlyKeys(Category.SECRET);
    }

    @Test
    void emptySpansChangeNothing() {
        Map<Category, Integer> counts = new LinkedHashMap<>();

        assertThat(Redaction.apply("abc", new ArrayList<>(List.of(new Finding(1, 1, Category.SECRET, 1.0))), counts))
                .isEqualTo("abc");
        assertThat(counts).isEmpty();
    }
}
