package dev.caravan.bench;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.injection.InjectionDetector;
import dev.caravan.guardrails.injection.NgramModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses where the injection model starts to corroborate rule evidence below its threshold, on the dev set's tuning
 * half only: each of the 5 folds is scored by a model trained on the other four (the bundled model's settings and
 * threshold), and every floor and weight of a small grid prints the out-of-fold recall and the rate of flagged negatives
 * per subset. The setting shipped in InjectionDetector is the highest weight, then the lowest floor, whose grid
 * neighbours also flag no out-of-fold negative (the tuning half's attacks are all caught by the rules already, so only
 * the false positives can be read here). Usage: {@code TuneCorroboration [data dir]}.
 */
public final class TuneCorroboration {
    /** The bundled model's settings (its provenance header): blocks of 512 chars, no floor, L2 1e-5, 3 passes. */
    static final TrainInjectionModel.Params PARAMS = new TrainInjectionModel.Params(512, 0, 1e-5, 3);

    private TuneCorroboration() {}

    /** Out-of-fold flags of one setting: attacks caught, and negatives flagged per subset. */
    record Result(double floor, double weight, int caught, int attacks, Map<String, int[]> negatives) {}

    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : DevSet.defaultDirectory();
        List<DevSet.Entry> entries = DevSet.load(dir).tuning();
        List<TrainInjectionModel.Example> examples = new ArrayList<>();
        for (DevSet.Entry e : entries) {
            boolean attack = attack(e);
            examples.add(new TrainInjectionModel.Example(
                    e.id(),
                    e.kind(),
                    NgramModel.fold(e.text()),
                    attack,
                    e.labels().contains("jailbreak"),
                    Map.of(PARAMS.block(), TrainInjectionModel.windows(e, attack, PARAMS.block()))));
        }
        int[] fold = TrainInjectionModel.folds(examples);
        float threshold = (float) NgramModel.bundled().threshold();
        List<NgramModel> models = new ArrayList<>();
        for (int f = 0; f < TrainInjectionModel.FOLDS; f++) {
            models.add(TrainInjectionModel.train(examples, fold, f, PARAMS, threshold));
        }
        System.out.printf(
                Locale.ROOT,
                "# corroboration floor, %d-fold CV on the tuning half (%d records), threshold %.4f%n%n",
                TrainInjectionModel.FOLDS,
                entries.size(),
                threshold);
        thresholds(entries, examples, fold, models);
        System.out.println("| floor | weight | recall | flagged negatives per subset |");
        System.out.println("|---:|---:|---:|---|");
        print(evaluate(entries, fold, models, 1.0, 0.0));
        for (double floor : new double[] {0.6, 0.4, 0.3, 0.2, 0.1, 0.0}) {
            for (double weight : new double[] {0.3, 0.4, 0.45, 0.5}) {
                print(evaluate(entries, fold, models, floor, weight));
            }
        }
    }

    /** The model alone, out of fold: the highest negatives, and what each of them as the threshold would catch. */
    private static void thresholds(
            List<DevSet.Entry> entries,
            List<TrainInjectionModel.Example> examples,
            int[] fold,
            List<NgramModel> models) {
        double[] oof = new double[entries.size()];
        List<Integer> negatives = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            oof[i] = models.get(fold[i]).bestWindow(examples.get(i).folded()).probability();
            if (!attack(entries.get(i))) {
                negatives.add(i);
            }
        }
        negatives.sort((a, b) -> Double.compare(oof[b], oof[a]));
        System.out.println("| model threshold just above | negative's subset | model-alone recall |");
        System.out.println("|---:|---|---:|");
        for (int i : negatives.subList(0, Math.min(8, negatives.size()))) {
            int caught = 0;
            int attacks = 0;
            for (int j = 0; j < entries.size(); j++) {
                if (attack(entries.get(j))) {
                    attacks++;
                    caught += oof[j] > oof[i] ? 1 : 0;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %.4f | %s (%s) | %.3f (%d/%d) |%n",
                    oof[i],
                    entries.get(i).subset(),
                    entries.get(i).file(),
                    (double) caught / attacks,
                    caught,
                    attacks);
        }
        System.out.println();
    }

    static boolean attack(DevSet.Entry e) {
        return e.labels().contains("prompt_injection") || e.labels().contains("jailbreak");
    }

    /** Every tuning record scored by the detector whose model never saw it; flagged means a score at 0.5 or more. */
    static Result evaluate(
            List<DevSet.Entry> entries, int[] fold, List<NgramModel> models, double floor, double weight) {
        List<InjectionDetector> detectors = new ArrayList<>();
        for (NgramModel m : models) {
            detectors.add(new InjectionDetector(m, floor, weight));
        }
        int caught = 0;
        int attacks = 0;
        Map<String, int[]> negatives = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            DevSet.Entry e = entries.get(i);
            boolean flagged = false;
            for (Finding f : detectors.get(fold[i]).scan(e.text(), Source.USER)) {
                flagged |= f.score() >= 0.5;
            }
            if (attack(e)) {
                attacks++;
                caught += flagged ? 1 : 0;
            } else if (e.negative()) {
                int[] n = negatives.computeIfAbsent(e.subset() + " (" + e.file() + ")", k -> new int[2]);
                n[0] += flagged ? 1 : 0;
                n[1]++;
            }
        }
        return new Result(floor, weight, caught, attacks, negatives);
    }

    private static void print(Result r) {
        StringBuilder neg = new StringBuilder();
        r.negatives().forEach((k, v) -> neg.append(k)
                .append(' ')
                .append(v[0])
                .append('/')
                .append(v[1])
                .append("; "));
        System.out.printf(
                Locale.ROOT,
                "| %.2f | %.2f | %.3f (%d/%d) | %s |%n",
                r.floor(),
                r.weight(),
                (double) r.caught() / r.attacks(),
                r.caught(),
                r.attacks(),
                neg);
    }
}
