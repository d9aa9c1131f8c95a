package dev.caravan.bench;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Tuning aid for one detector on the development set's tuning half: per category, recall on labelled records, the
 * flag rate on each negative subset, span coverage, and the records it got wrong. Usage: {@code DetectorEval
 * <guardrail class> [tuning|report] [threshold]}.
 */
public final class DetectorEval {
    private DetectorEval() {}

    public static void main(String[] args) throws Exception {
        Guardrail g =
                (Guardrail) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        DevSet set = DevSet.load(DevSet.defaultDirectory());
        List<DevSet.Entry> part = args.length > 1 && args[1].equals("report") ? set.report() : set.tuning();
        double threshold = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        run(g, part, threshold, true);
    }

    /** Prints the figures and misses; a record is flagged for a category when a finding of it scores at least threshold. */
    public static void run(Guardrail g, List<DevSet.Entry> part, double threshold, boolean printMisses) {
        Set<String> cats = g.categories().stream().map(Category::id).collect(Collectors.toSet());
        Map<String, int[]> recall = new TreeMap<>(); // category -> {hit, total}
        Map<String, int[]> fpr = new TreeMap<>(); // subset -> {flagged, total}
        int[] spans = new int[2];
        List<String> misses = new ArrayList<>();
        for (DevSet.Entry e : part) {
            List<Finding> found = g.scan(e.text(), Source.USER).stream()
                    .filter(f -> f.score() >= threshold)
                    .toList();
            Set<String> flagged = found.stream().map(f -> f.category().id()).collect(Collectors.toSet());
            for (String label : e.labels()) {
                if (!cats.contains(label)) {
                    continue;
                }
                int[] r = recall.computeIfAbsent(label, k -> new int[2]);
                r[1]++;
                if (flagged.contains(label)) {
                    r[0]++;
                } else if (printMisses) {
                    misses.add("MISS " + label + " " + e.id() + " " + e.kind() + ": " + clip(e.text()));
                }
            }
            for (DevSet.Span s : e.spans()) {
                if (!cats.contains(s.category())) {
                    continue;
                }
                spans[1]++;
                boolean covered = found.stream().anyMatch(f -> f.start() <= s.start() && f.end() >= s.end());
                if (covered) {
                    spans[0]++;
                } else if (printMisses && flagged.contains(s.category())) {
                    misses.add("SPAN " + s.category() + " " + e.id() + " wanted '"
                            + e.text().substring(s.start(), s.end()) + "' got "
                            + found.stream()
                                    .map(f -> "'" + e.text().substring(f.start(), f.end()) + "'")
                                    .toList());
                }
            }
            boolean relevantNegative = e.labels().stream().noneMatch(cats::contains);
            if (relevantNegative) {
                int[] r = fpr.computeIfAbsent(e.subset() + " (" + e.file() + ")", k -> new int[2]);
                r[1]++;
                if (!flagged.isEmpty()) {
                    r[0]++;
                    if (printMisses) {
                        misses.add("FP " + flagged + " " + e.id() + " " + e.subset() + "/" + e.kind() + ": "
                                + found.stream()
                                        .map(f -> "'" + clip(e.text().substring(f.start(), f.end())) + "'")
                                        .toList()
                                + " in " + clip(e.text()));
                    }
                }
            }
        }
        misses.forEach(System.out::println);
        recall.forEach((k, v) -> System.out.printf("recall %-18s %.3f (%d/%d)%n", k, ratio(v), v[0], v[1]));
        fpr.forEach((k, v) -> System.out.printf("flag rate %-32s %.3f (%d/%d)%n", k, ratio(v), v[0], v[1]));
        System.out.printf("spans covered %.3f (%d/%d)%n", ratio(spans), spans[0], spans[1]);
    }

    private static double ratio(int[] v) {
        return v[1] == 0 ? 0 : (double) v[0] / v[1];
    }

    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    /** For a quick look from a test or jshell. */
    public static Path data() {
        return DevSet.defaultDirectory();
    }
}
