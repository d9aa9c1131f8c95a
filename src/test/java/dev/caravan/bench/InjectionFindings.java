package dev.caravan.bench;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.injection.InjectionDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prints every injection finding (start, end, category, score) for every dev-set record and every benchmark input, so
 * a speed change can be diffed against the detector's output before it. Usage: {@code InjectionFindings [dump|time]}.
 * Run it with {@code -XX:+UnlockExperimentalVMOptions -XX:hashCode=2} when diffing: the scorer multiplies rule weights
 * in hash-map order, which follows identity hashes, so the last printed digit of a score can differ between JVM runs.
 */
public final class InjectionFindings {
    private InjectionFindings() {}

    public static void main(String[] args) {
        Map<String, String> inputs = inputs();
        InjectionDetector detector = new InjectionDetector();
        if (args.length > 0 && args[0].equals("time")) {
            time(detector, inputs);
            return;
        }
        for (Map.Entry<String, String> in : inputs.entrySet()) {
            for (Source source : List.of(Source.USER, Source.SYSTEM)) {
                for (Finding f : detector.scan(in.getValue(), source)) {
                    System.out.printf(
                            "%s %s %d %d %s %.6f%n", in.getKey(), source, f.start(), f.end(), f.category(), f.score());
                }
            }
        }
    }

    /** The dev set (both halves), each record also concatenated with the next, plus the benchmark inputs. */
    public static Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        DevSet set = DevSet.load(DevSet.defaultDirectory());
        List<DevSet.Entry> all = new ArrayList<>(set.tuning());
        all.addAll(set.report());
        for (int i = 0; i < all.size(); i++) {
            DevSet.Entry e = all.get(i);
            inputs.put(e.id(), e.text());
            inputs.put(
                    e.id() + "+next",
                    e.text() + "\n\n" + all.get((i + 1) % all.size()).text());
            inputs.put(e.id() + "+upper", e.text().toUpperCase(java.util.Locale.ROOT));
        }
        inputs.put("bench.ordinary1k", BenchTexts.ordinary(1024));
        inputs.put("bench.ordinary100k", BenchTexts.ordinary(100 * 1024));
        inputs.put("bench.adversarial1m", BenchTexts.adversarial(1024 * 1024, new Random(7)));
        Random random = new Random(42);
        inputs.put("inj.prompt1k", InjectionBench.ordinary(random, 1_024));
        inputs.put("inj.text100k", InjectionBench.ordinary(random, 100 * 1_024));
        inputs.put("inj.hostile1m", InjectionBench.hostile(random));
        return inputs;
    }

    /** A quick loop timing of the benchmark inputs, for profiling between JMH runs. */
    private static void time(InjectionDetector detector, Map<String, String> inputs) {
        for (String key : List.of("bench.ordinary1k", "bench.ordinary100k", "inj.hostile1m", "bench.adversarial1m")) {
            String text = inputs.get(key);
            int reps = Math.max(20, 20_000_000 / text.length());
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 10; round++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < reps; k++) {
                    detector.scan(text, Source.USER);
                }
                best = Math.min(best, (System.nanoTime() - t0) / reps);
            }
            System.out.printf("%-22s %10.1f us%n", key, best / 1000.0);
        }
    }
}
