package dev.caravan.bench;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.ScanText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Guardrail quality under the full default policy, as a user message of a call: per category, recall, precision and
 * span masking, and the false-positive rate per negative subset. A record counts as flagged when the call would be
 * denied or held, when its text would change, or when any category fires (observed ones included). Usage:
 * {@code GuardrailQuality [report|tuning] [data dir]}; the default is the report half, never tuned on.
 */
public final class GuardrailQuality {
    private GuardrailQuality() {}

    /** What the policy did with one record. */
    private record Judged(DevSet.Entry entry, Outcome outcome) {
        boolean flagged() {
            return GuardrailQuality.flagged(outcome);
        }

        boolean fired(String category) {
            return GuardrailQuality.fired(outcome, category);
        }
    }

    /** Flagged: denied or held, its text changed, or any category fired (observed ones included). */
    public static boolean flagged(Outcome outcome) {
        return outcome.action() == Action.DENY
                || outcome.action() == Action.HOLD
                || outcome.changed()
                || !outcome.signals().isEmpty();
    }

    /** Whether {@code category} is among the outcome's signals. */
    public static boolean fired(Outcome outcome, String category) {
        return outcome.signals().stream().anyMatch(c -> c.id().equals(category));
    }

    public static void main(String[] args) {
        boolean tuning = args.length > 0 && args[0].equals("tuning");
        DevSet set = DevSet.load(args.length > 1 ? java.nio.file.Path.of(args[1]) : DevSet.defaultDirectory());
        List<DevSet.Entry> part = tuning ? set.tuning() : set.report();
        GuardEngine engine = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());
        List<Judged> judged = new ArrayList<>();
        for (DevSet.Entry e : part) {
            judged.add(new Judged(e, engine.check(Phase.PROMPT, List.of(new ScanText(e.text(), Source.USER)))));
        }
        System.out.printf(
                "# guardrail quality, %s half (%d records, seed %d), default policy %s%n%n",
                tuning ? "tuning" : "report",
                part.size(),
                DevSet.SEED,
                GuardPolicy.defaults().version());
        perCategory(judged);
        injectionCombined(judged);
        falsePositives(judged);
    }

    private static void perCategory(List<Judged> judged) {
        System.out.println("| category | recall | precision | spans masked |");
        System.out.println("|---|---:|---:|---:|");
        for (Category c : Category.BUILT_IN) {
            String id = c.id();
            int labelled = 0;
            int hit = 0;
            int fired = 0;
            int spans = 0;
            int masked = 0;
            for (Judged j : judged) {
                boolean has = j.entry().labels().contains(id);
                labelled += has ? 1 : 0;
                hit += has && j.fired(id) ? 1 : 0;
                fired += j.fired(id) ? 1 : 0;
                for (DevSet.Span s : j.entry().spans()) {
                    if (s.category().equals(id) && (c.isPii() || c.equals(Category.SECRET))) {
                        spans++;
                        String value = j.entry().text().substring(s.start(), s.end());
                        masked += j.outcome().texts().get(0).contains(value) ? 0 : 1;
                    }
                }
            }
            if (labelled == 0 && fired == 0) {
                continue;
            }
            System.out.printf(
                    "| %s | %s | %s | %s |%n",
                    id, ratio(hit, labelled), ratio(hit, fired), spans == 0 ? "–" : ratio(masked, spans));
        }
        System.out.println();
    }

    private static void injectionCombined(List<Judged> judged) {
        int attacks = 0;
        int hit = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        for (Judged j : judged) {
            Set<String> labels = j.entry().labels();
            if (labels.contains("prompt_injection") || labels.contains("jailbreak")) {
                attacks++;
                boolean caught = j.fired("prompt_injection") || j.fired("jailbreak");
                hit += caught ? 1 : 0;
                int[] k = byKind.computeIfAbsent(family(j.entry().kind()), x -> new int[2]);
                k[0] += caught ? 1 : 0;
                k[1]++;
            }
        }
        System.out.printf("injection + jailbreak recall: %s%n", ratio(hit, attacks));
        byKind.forEach((k, v) -> System.out.printf("  %-22s %s%n", k, ratio(v[0], v[1])));
        System.out.println();
    }

    private static String family(String kind) {
        if (kind.startsWith("multilingual")) {
            return "multilingual";
        }
        if (kind.startsWith("encoding")
                || kind.contains("homoglyph")
                || kind.contains("width")
                || kind.equals("unicode_tags")
                || kind.equals("leetspeak")
                || kind.contains("split")
                || kind.contains("spacing")
                || kind.contains("reversed")
                || kind.contains("enclosed")) {
            return "obfuscated";
        }
        return kind.isEmpty() ? "other" : kind;
    }

    private static void falsePositives(List<Judged> judged) {
        Map<String, int[]> bySubset = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> firedBy = new LinkedHashMap<>();
        for (Judged j : judged) {
            if (!j.entry().negative()) {
                continue;
            }
            String key = j.entry().subset() + " (" + j.entry().file() + ")";
            int[] r = bySubset.computeIfAbsent(key, x -> new int[2]);
            r[1]++;
            if (j.flagged()) {
                r[0]++;
                j.outcome().signals().forEach(c -> firedBy.computeIfAbsent(key, x -> new TreeMap<>())
                        .merge(c.id(), 1, Integer::sum));
            }
        }
        System.out.println("| negatives | flagged (FPR) | categories that fired |");
        System.out.println("|---|---:|---|");
        bySubset.forEach((k, v) ->
                System.out.printf("| %s | %s | %s |%n", k, ratio(v[0], v[1]), firedBy.getOrDefault(k, Map.of())));
    }

    private static String ratio(int a, int b) {
        return b == 0 ? "–" : String.format("%.3f (%d/%d)", (double) a / b, a, b);
    }
}
