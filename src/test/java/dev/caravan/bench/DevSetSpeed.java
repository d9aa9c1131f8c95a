package dev.caravan.bench;

import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.ScanText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the full default policy costs on real prompts rather than on GuardrailsBench's one ordinary prompt: every
 * record of the dev set's tuning half of 400 to 3,000 chars, scanned as a prompt, after a warm-up; per group (file,
 * positive or the negative subset), the median over records of each record's median time, scaled to 1 KB, beside the
 * ordinary 1 KB prompt timed the same way. By default the prompts take turns, as in a gateway; {@code repeated} times
 * each prompt many times in a row, as JMH does with its one (bench/guardrails.sh speed-devset [repeated]; pinned).
 */
public final class DevSetSpeed {
    private static final int ROUNDS = 60;

    private DevSetSpeed() {}

    public static void main(String[] args) {
        GuardEngine engine = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());
        List<DevSet.Entry> picked = DevSet.load(DevSet.defaultDirectory()).tuning().stream()
                .filter(e -> e.text().length() >= 400 && e.text().length() <= 3000)
                .toList();
        List<List<ScanText>> inputs = new ArrayList<>();
        picked.forEach(e -> inputs.add(List.of(new ScanText(e.text(), Source.USER))));
        List<ScanText> ordinary = List.of(new ScanText(BenchTexts.ordinary(1024), Source.USER));
        for (int round = 0; round < 400; round++) {
            inputs.forEach(in -> engine.check(Phase.PROMPT, in));
            engine.check(Phase.PROMPT, ordinary);
        }
        boolean repeated = args.length > 0 && args[0].equals("repeated");
        long[][] took = new long[inputs.size() + 1][ROUNDS];
        if (repeated) { // each prompt again and again, as JMH does with one: its tables and branches stay warm
            for (int i = 0; i <= inputs.size(); i++) {
                List<ScanText> in = i < inputs.size() ? inputs.get(i) : ordinary;
                for (int round = -ROUNDS; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    engine.check(Phase.PROMPT, in);
                    if (round >= 0) {
                        took[i][round] = System.nanoTime() - start;
                    }
                }
            }
        } else { // each prompt once per round, all of them in turn, as a gateway sees them
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i <= inputs.size(); i++) {
                    List<ScanText> in = i < inputs.size() ? inputs.get(i) : ordinary;
                    long start = System.nanoTime();
                    engine.check(Phase.PROMPT, in);
                    took[i][round] = System.nanoTime() - start;
                }
            }
        }
        Map<String, List<Double>> perKb = new TreeMap<>();
        for (int i = 0; i <= inputs.size(); i++) {
            Arrays.sort(took[i]);
            double micros = took[i][ROUNDS / 2] / 1000.0;
            String group = i == inputs.size() ? "ordinary 1 KB (GuardrailsBench's prompt)" : group(picked.get(i));
            int chars = i == inputs.size() ? 1024 : picked.get(i).text().length();
            perKb.computeIfAbsent(group, g -> new ArrayList<>()).add(micros * 1024 / chars);
        }
        System.out.println("| records | n | µs per KB, median | p90 | max |\n|---|---|---|---|---|");
        perKb.forEach((group, values) -> {
            values.sort(null);
            System.out.printf(
                    "| %s | %d | %.1f | %.1f | %.1f |%n",
                    group,
                    values.size(),
                    values.get(values.size() / 2),
                    values.get((int) (values.size() * 0.9)),
                    values.get(values.size() - 1));
        });
    }

    private static String group(DevSet.Entry entry) {
        String file = entry.file().replace(".jsonl", "");
        return file + (entry.negative() ? ", negative (" + entry.subset() + ")" : ", positive");
    }
}
