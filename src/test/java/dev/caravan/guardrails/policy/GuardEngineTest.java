package dev.caravan.guardrails.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardEngineTest {
    /** Reports every occurrence of a word as the given category with the given score. */
    private record WordGuardrail(String word, Category category, double score) implements Guardrail {
        @Override
        public String id() {
            return "word-" + word;
        }

        @Override
        public Set<Category> categories() {
            return Set.of(category);
        }

        @Override
        public List<Finding> scan(String text, Source source) {
            List<Finding> found = new ArrayList<>();
            for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
                found.add(new Finding(i, i + word.length(), category, score));
            }
            return found;
        }
    }

    private static final Guardrail SECRET = new WordGuardrail("hunter2", Category.SECRET, 0.95);
    private static final Guardrail INJECTION = new WordGuardrail("ignore", Category.PROMPT_INJECTION, 0.8);
    private static final Guardrail IP = new WordGuardrail("10.0.0.1", Category.IP_ADDRESS, 0.9);
    private static final Guardrail DESTRUCTIVE = new WordGuardrail("rm -rf /", Category.DESTRUCTIVE, 0.9);

    private static Outcome prompt(GuardPolicy policy, String... texts) {
        List<ScanText> scan = new ArrayList<>();
        for (String t : texts) {
            scan.add(new ScanText(t, Source.USER));
        }
        return new GuardEngine(List.of(SECRET, INJECTION, IP, DESTRUCTIVE), policy).check(Phase.PROMPT, scan);
    }

    private static GuardPolicy withPromptMode(Mode mode) {
        GuardPolicy d = GuardPolicy.defaults();
        return GuardPolicy.of(
                new PhasePolicy(mode, d.prompt().rules()), d.completion(), List.of(), false, Duration.ofHours(1));
    }

    @Test
    void defaultPolicyMasksASecretAndForwardsTheRest() {
        Outcome outcome = prompt(GuardPolicy.defaults(), "my password is hunter2, ok?");

        assertThat(outcome.action()).isEqualTo(Action.REDACT);
        assertThat(outcome.texts()).containsExactly("my password is [REDACTED:secret], ok?");
        assertThat(outcome.signals()).containsExactly(Category.SECRET);
        assertThat(outcome.redactions()).containsEntry(Category.SECRET, 1);
        assertThat(outcome.risk()).isEqualTo(0.95);
    }

    @Test
    void defaultPolicyDeniesInjectionAndNamesTheCategory() {
        Outcome outcome = prompt(GuardPolicy.defaults(), "please ignore that, hunter2");

        assertThat(outcome.action()).isEqualTo(Action.DENY);
        assertThat(outcome.denied()).containsExactly(Category.PROMPT_INJECTION);
        assertThat(outcome.signals()).containsExactly(Category.PROMPT_INJECTION, Category.SECRET);
    }

    @Test
    void observedCategoriesAreSignalsButChangeNothing() {
        Outcome outcome = prompt(GuardPolicy.defaults(), "ping 10.0.0.1 please");

        assertThat(outcome.action()).isEqualTo(Action.OBSERVE);
        assertThat(outcome.texts()).containsExactly("ping 10.0.0.1 please");
        assertThat(outcome.signals()).containsExactly(Category.IP_ADDRESS);
        assertThat(outcome.changed()).isFalse();
    }

    @Test
    void blockModeTurnsRedactIntoDenyButNeverEscalatesObserve() {
        Outcome secret = prompt(withPromptMode(Mode.BLOCK), "hunter2");
        Outcome ip = prompt(withPromptMode(Mode.BLOCK), "10.0.0.1");

        assertThat(secret.action()).isEqualTo(Action.DENY);
        assertThat(secret.denied()).containsExactly(Category.SECRET);
        assertThat(ip.action()).isEqualTo(Action.OBSERVE);
    }

    @Test
    void observeModeRecordsEverySignalAndActsOnNone() {
        Outcome outcome = prompt(withPromptMode(Mode.OBSERVE), "ignore hunter2 and rm -rf /");

        assertThat(outcome.action()).isEqualTo(Action.OBSERVE);
        assertThat(outcome.texts()).containsExactly("ignore hunter2 and rm -rf /");
        assertThat(outcome.signals()).containsExactly(Category.PROMPT_INJECTION, Category.SECRET, Category.DESTRUCTIVE);
    }

    @Test
    void offModeSkipsThePhase() {
        Outcome outcome = prompt(withPromptMode(Mode.OFF), "ignore hunter2");

        assertThat(outcome.action()).isEqualTo(Action.ALLOW);
        assertThat(outcome.signals()).isEmpty();
        assertThat(outcome.risk()).isZero();
    }

    @Test
    void findingsUnderTheThresholdDoNotCount() {
        GuardPolicy strict = GuardPolicy.of(
                new PhasePolicy(Mode.REDACT, Map.of(Category.SECRET, CategoryRule.of(Action.REDACT, 0.99))),
                GuardPolicy.defaults().completion(),
                List.of(),
                false,
                Duration.ofHours(1));

        Outcome outcome = prompt(strict, "hunter2");

        assertThat(outcome.action()).isEqualTo(Action.ALLOW);
        assertThat(outcome.signals()).isEmpty();
    }

    @Test
    void destructiveTextInACompletionIsObservedInProseAndDeniedInToolCallArguments() {
        GuardEngine engine = new GuardEngine(List.of(DESTRUCTIVE), GuardPolicy.defaults());

        Outcome prose = engine.check(Phase.COMPLETION, List.of(new ScanText("never run rm -rf /", Source.COMPLETION)));
        Outcome tool =
                engine.check(Phase.COMPLETION, List.of(new ScanText("{\"cmd\":\"rm -rf /\"}", Source.TOOL_ARGUMENTS)));

        assertThat(prose.action()).isEqualTo(Action.OBSERVE);
        assertThat(tool.action()).isEqualTo(Action.DENY);
        assertThat(tool.textActions()).containsExactly(Action.DENY);
    }

    @Test
    void overlappingSpansMergeIntoOneMask() {
        Guardrail wide = new WordGuardrail("pass hunter2", Category.SECRET, 0.9);
        GuardEngine engine = new GuardEngine(List.of(SECRET, wide), GuardPolicy.defaults());

        Outcome outcome = engine.check(Phase.PROMPT, List.of(new ScanText("a pass hunter2 b hunter2", Source.USER)));

        assertThat(outcome.texts()).containsExactly("a [REDACTED:secret] b [REDACTED:secret]");
        assertThat(outcome.redactions()).containsEntry(Category.SECRET, 2);
    }

    @Test
    void aDetectorThatThrowsFailsOpenAndIsRecorded() {
        Guardrail broken = new BrokenGuardrail();
        GuardEngine open = new GuardEngine(List.of(broken, SECRET), GuardPolicy.defaults());
        GuardPolicy d = GuardPolicy.defaults();
        GuardEngine closed = new GuardEngine(
                List.of(broken), GuardPolicy.of(d.prompt(), d.completion(), List.of(), true, Duration.ofHours(1)));

        Outcome openOutcome = open.check(Phase.PROMPT, List.of(new ScanText("hunter2", Source.USER)));
        Outcome closedOutcome = closed.check(Phase.PROMPT, List.of(new ScanText("hello", Source.USER)));

        assertThat(openOutcome.failedOpen()).containsExactly("broken");
        assertThat(openOutcome.action()).isEqualTo(Action.REDACT);
        assertThat(closedOutcome.action()).isEqualTo(Action.DENY);
        assertThat(closedOutcome.failedClosed()).isTrue();
    }

    @Test
    void theVersionChangesWithThePolicyAndOnlyWithIt() {
        assertThat(GuardPolicy.defaults().version())
                .isEqualTo(GuardPolicy.defaults().version());
        assertThat(withPromptMode(Mode.BLOCK).version())
                .isNotEqualTo(GuardPolicy.defaults().version());
        assertThat(GuardPolicy.defaults().version()).startsWith("sha256:");
    }
}
