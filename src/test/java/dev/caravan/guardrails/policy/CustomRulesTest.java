package dev.caravan.guardrails.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomRulesTest {
    private static final CustomRule CODENAME =
            new CustomRule("codename", null, List.of("Project Falcon", "falcon-x"), Action.DENY, Set.of(Phase.PROMPT));
    private static final CustomRule EMPLOYEE =
            new CustomRule("employee-id", "EMP-[0-9]{6}", null, Action.REDACT, Set.of(Phase.PROMPT));

    @Test
    void keywordsMatchAsWholeWordsRegardlessOfCase() {
        List<Finding> found =
                new CustomRules(List.of(CODENAME)).scan("about project falcon and FALCON-X, not falconry", Source.USER);

        assertThat(found).extracting(Finding::category).containsOnly(Category.custom("codename"));
        assertThat(found).extracting(Finding::start).containsExactly(6, 25);
    }

    @Test
    void patternsReportEachMatchWithItsSpan() {
        String text = "ids EMP-123456 and EMP-654321, not EMP-12";

        List<Finding> found = new CustomRules(List.of(EMPLOYEE)).scan(text, Source.USER);

        assertThat(found).hasSize(2);
        assertThat(text.substring(found.get(1).start(), found.get(1).end())).isEqualTo("EMP-654321");
    }

    @Test
    void aPatternThatCanMatchNothingNeverLoops() {
        CustomRule empty = new CustomRule("maybe", "x*", null, Action.OBSERVE, Set.of(Phase.PROMPT));

        assertThat(new CustomRules(List.of(empty)).scan("aaxxa", Source.USER))
                .singleElement()
                .extracting(Finding::start, Finding::end)
                .containsExactly(2, 4);
    }

    @Test
    void backtrackingBombsRunInLinearTime() {
        CustomRule bomb = new CustomRule("bomb", "(a+)+$", null, Action.OBSERVE, Set.of(Phase.PROMPT));
        String input = "a".repeat(100_000) + "!";

        long started = System.nanoTime();
        new CustomRules(List.of(bomb)).scan(input, Source.USER);

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void anInvalidPatternIsRefusedWithItsRuleName() {
        CustomRule bad = new CustomRule("broken", "(unclosed", null, Action.DENY, Set.of(Phase.PROMPT));

        assertThatThrownBy(() -> new CustomRules(List.of(bad)))
                .hasMessageContaining("custom rule 'broken'")
                .hasMessageContaining("RE2");
    }
}
