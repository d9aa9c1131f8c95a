package dev.caravan.bench;

import dev.caravan.guardrails.injection.NgramModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Trains the injection n-gram model on the dev set's tuning half only: picks hyper-parameters and the threshold by
 * stratified 5-fold cross-validation (threshold just above every out-of-fold negative), then trains on the whole
 * half (plus a jailbreak-or-injection head on its attacks) and writes the weights with their provenance. Usage: {@code TrainInjectionModel [output file] [data dir]}.
 */
public final class TrainInjectionModel {
    static final int BITS = 18;
    static final int FOLDS = 5;
    static final double RATE = 0.2;
    static final List<Params> GRID = grid();

    private TrainInjectionModel() {}

    /** Window half-size, count floor, L2 strength and passes over the data. */
    record Params(int block, int floor, double lambda, int epochs) {}

    /** One record: its folded text (scored as the detector scores it), label, kind, and training windows per block. */
    record Example(
            String id,
            String kind,
            String folded,
            boolean attack,
            boolean jailbreak,
            Map<Integer, List<Window>> windows) {}

    /** One training window: two consecutive blocks' features and its label. */
    record Window(int[] features, boolean attack) {}

    /** Out-of-fold results of one setting. */
    record Cv(Params params, double[] oof, double maxNegative, int caught, int attacks, double auc) {
        double recall() {
            return (double) caught / attacks;
        }
    }

    private static List<Params> grid() {
        List<Params> grid = new ArrayList<>();
        for (int block : new int[] {256, 512, 1024}) {
            for (int floor : new int[] {0, 256}) {
                for (double lambda : new double[] {1e-5, 1e-3}) {
                    for (int epochs : new int[] {1, 2, 3, 5}) {
                        grid.add(new Params(block, floor, lambda, epochs));
                    }
                }
            }
        }
        return grid;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/guardrails/injection-model.bin");
        Path dir = args.length > 1 ? Path.of(args[1]) : DevSet.defaultDirectory();
        List<Example> examples = new ArrayList<>();
        for (DevSet.Entry e : DevSet.load(dir).tuning()) {
            boolean attack =
                    e.labels().contains("prompt_injection") || e.labels().contains("jailbreak");
            Map<Integer, List<Window>> windows = new TreeMap<>();
            GRID.forEach(p -> windows.computeIfAbsent(p.block(), b -> windows(e, attack, b)));
            boolean jailbreak = e.labels().contains("jailbreak");
            examples.add(new Example(e.id(), e.kind(), NgramModel.fold(e.text()), attack, jailbreak, windows));
        }
        int[] fold = folds(examples);
        System.out.printf(
                "# injection n-gram model: %d tuning records (%d attacks), %d-fold CV, seed %d%n%n",
                examples.size(), examples.stream().filter(Example::attack).count(), FOLDS, DevSet.SEED);
        System.out.println("| block | floor | lambda | epochs | CV threshold | CV recall at 0 FP | CV AUC |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        Cv best = null;
        for (Params p : GRID) {
            Cv cv = crossValidate(examples, fold, p);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %g | %d | %.4f | %.3f (%d/%d) | %.4f |%n",
                    p.block(),
                    p.floor(),
                    p.lambda(),
                    p.epochs(),
                    cv.maxNegative(),
                    cv.recall(),
                    cv.caught(),
                    cv.attacks(),
                    cv.auc());
            if (best == null
                    || cv.caught() > best.caught()
                    || (cv.caught() == best.caught() && cv.auc() > best.auc())) {
                best = cv;
            }
        }
        breakdown(examples, best);
        float threshold = Math.nextUp((float) best.maxNegative());
        NgramModel model = train(examples, null, -1, best.params(), threshold);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, model.write(provenance(dir, examples, best, threshold)));
        System.out.printf(
                Locale.ROOT,
                "%nchosen: %s, threshold %.4f; CV recall %.3f at 0 CV false positives; wrote %s (%d bytes)%n",
                best.params(),
                threshold,
                best.recall(),
                out,
                Files.size(out));
    }

    /** The chosen setting's out-of-fold recall per kind, and the negatives that came closest to its threshold. */
    private static void breakdown(List<Example> examples, Cv best) {
        Map<String, int[]> byKind = new TreeMap<>();
        List<Integer> negatives = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.attack()) {
                int[] k = byKind.computeIfAbsent(e.kind().isEmpty() ? "other" : e.kind(), x -> new int[2]);
                k[0] += best.oof()[i] > best.maxNegative() ? 1 : 0;
                k[1]++;
            } else {
                negatives.add(i);
            }
        }
        System.out.printf("%nout-of-fold recall per kind, %s:%n", best.params());
        byKind.forEach((k, v) -> System.out.printf("  %-28s %d/%d%n", k, v[0], v[1]));
        negatives.sort((a, b) -> Double.compare(best.oof()[b], best.oof()[a]));
        System.out.println("highest out-of-fold negatives:");
        for (int i : negatives.subList(0, Math.min(5, negatives.size()))) {
            System.out.printf(
                    Locale.ROOT, "  %.4f %s%n", best.oof()[i], examples.get(i).id());
        }
    }

    /** Stratified fold numbers, dealt round-robin after a seeded shuffle of each class. */
    static int[] folds(List<Example> examples) {
        int[] fold = new int[examples.size()];
        Random random = new Random(DevSet.SEED);
        for (boolean attack : new boolean[] {true, false}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).attack() == attack) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            for (int k = 0; k < members.size(); k++) {
                fold[members.get(k)] = k % FOLDS;
            }
        }
        return fold;
    }

    /** Out-of-fold probabilities; the threshold sits at the highest negative, recall counts attacks above it. */
    static Cv crossValidate(List<Example> examples, int[] fold, Params p) {
        double[] oof = new double[examples.size()];
        for (int f = 0; f < FOLDS; f++) {
            NgramModel model = train(examples, fold, f, p, 0.5f);
            for (int i = 0; i < examples.size(); i++) {
                if (fold[i] == f) {
                    oof[i] = model.bestWindow(examples.get(i).folded()).probability();
                }
            }
        }
        double maxNegative = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (!examples.get(i).attack()) {
                maxNegative = Math.max(maxNegative, oof[i]);
            }
        }
        int caught = 0;
        int attacks = 0;
        long pairs = 0;
        double ordered = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (!examples.get(i).attack()) {
                continue;
            }
            attacks++;
            caught += oof[i] > maxNegative ? 1 : 0;
            for (int j = 0; j < examples.size(); j++) {
                if (!examples.get(j).attack()) {
                    pairs++;
                    ordered += oof[i] > oof[j] ? 1 : oof[i] == oof[j] ? 0.5 : 0;
                }
            }
        }
        return new Cv(p, oof, maxNegative, caught, attacks, ordered / pairs);
    }

    /**
     * Trains both heads on the records outside {@code heldOut}: attack against everything else, and, over the attack
     * windows alone, jailbreak against prompt injection.
     */
    static NgramModel train(List<Example> examples, int[] fold, int heldOut, Params p, float threshold) {
        List<Window> windows = new ArrayList<>();
        List<Window> attacks = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            if (fold == null || fold[i] != heldOut) {
                Example e = examples.get(i);
                windows.addAll(e.windows().get(p.block()));
                for (Window w : e.windows().get(p.block())) {
                    if (w.attack()) {
                        attacks.add(new Window(w.features(), e.jailbreak()));
                    }
                }
            }
        }
        NgramModel.Head attack = fit(windows, p);
        NgramModel.Head jailbreak = fold == null ? fit(attacks, p) : attack;
        return new NgramModel(BITS, p.block(), p.floor(), attack, jailbreak, threshold);
    }

    /** AdaGrad logistic regression, class-balanced, with L2 on the features each step touches; seeded, so repeatable. */
    static NgramModel.Head fit(List<Window> windows, Params p) {
        long positives = windows.stream().filter(Window::attack).count();
        double positiveWeight = (windows.size() - positives) / (double) Math.max(1, positives);
        float[] w = new float[1 << BITS];
        float[] squares = new float[1 << BITS];
        double bias = 0;
        double biasSquares = 0;
        Random random = new Random(DevSet.SEED);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            order.add(i);
        }
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            Collections.shuffle(order, random);
            for (int index : order) {
                Window win = windows.get(index);
                int[] x = win.features();
                double inv = 1.0 / Math.sqrt(Math.max(1, Math.max(x.length, p.floor())));
                double z = bias;
                for (int f : x) {
                    z += w[f] * inv;
                }
                double prob = 1.0 / (1.0 + Math.exp(-z));
                double g = (prob - (win.attack() ? 1 : 0)) * (win.attack() ? positiveWeight : 1.0);
                for (int f : x) {
                    double grad = g * inv + p.lambda() * w[f];
                    squares[f] += (float) (grad * grad);
                    w[f] -= (float) (RATE * grad / Math.sqrt(squares[f] + 1e-8));
                }
                biasSquares += g * g;
                bias -= RATE * g / Math.sqrt(biasSquares + 1e-8);
            }
        }
        return quantise(w, (float) bias);
    }

    /**
     * Windows as the model reads them. An indirect injection with a labelled span trains its windows that hold the
     * span as attacks, and the same document with the span blanked out as negatives, so that the carrier's own
     * wording is not learnt as the attack.
     */
    static List<Window> windows(DevSet.Entry e, boolean attack, int block) {
        List<Window> out = new ArrayList<>();
        List<DevSet.Span> spans = e.spans().stream()
                .filter(s -> s.category().equals("prompt_injection"))
                .toList();
        if (!attack || spans.isEmpty()) {
            windows(e.text(), block, start -> true, attack, out);
            return out;
        }
        windows(
                e.text(),
                block,
                start -> spans.stream().anyMatch(s -> s.start() < start + 2 * block && s.end() > start),
                true,
                out);
        StringBuilder rest = new StringBuilder(e.text());
        for (DevSet.Span s : spans) {
            for (int i = s.start(); i < s.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        windows(rest.toString(), block, start -> true, false, out);
        return out;
    }

    private static void windows(String text, int block, IntPredicate keep, boolean attack, List<Window> out) {
        int[][] blocks = NgramModel.blockFeatures(NgramModel.fold(text), BITS, block);
        for (int b = 0; b == 0 || b + 1 < blocks.length; b++) {
            if (!keep.test(b * block)) {
                continue;
            }
            int[] x = blocks[b];
            if (b + 1 < blocks.length) {
                x = new int[blocks[b].length + blocks[b + 1].length];
                System.arraycopy(blocks[b], 0, x, 0, blocks[b].length);
                System.arraycopy(blocks[b + 1], 0, x, blocks[b].length, blocks[b + 1].length);
            }
            out.add(new Window(x, attack));
        }
    }

    static NgramModel.Head quantise(float[] w, float bias) {
        float max = 1e-12f;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max / 127f;
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = (byte) Math.round(w[i] / scale);
        }
        return new NgramModel.Head(q, scale, bias);
    }

    private static String provenance(Path dir, List<Example> examples, Cv best, float threshold) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("Caravan injection n-gram model (dev.caravan.guardrails.injection.NgramModel)\n");
        s.append("trained by dev.caravan.bench.TrainInjectionModel (bench/guardrails.sh train) on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append('\n');
        s.append("data: guardrail dev set, tuning half only (DevSet seed ")
                .append(DevSet.SEED)
                .append("), ")
                .append(examples.size())
                .append(" records, ")
                .append(examples.stream().filter(Example::attack).count())
                .append(" attacks (prompt_injection or jailbreak); every other record is a negative\n");
        for (String file : DevSet.FILES) {
            s.append("  ")
                    .append(file)
                    .append(" sha256 ")
                    .append(sha256(dir.resolve(file)))
                    .append('\n');
        }
        s.append(String.format(
                Locale.ROOT,
                "features: word uni+bigrams, char 3-5-grams of the folded text, 2^%d buckets, sum / sqrt(max(n, %d));"
                        + " windows of %d chars, stride %d%n",
                BITS,
                best.params().floor(),
                2 * best.params().block(),
                best.params().block()));
        s.append(String.format(
                Locale.ROOT,
                "training: AdaGrad logistic regression, rate %.2f, L2 %g, %d epochs, class-balanced, seed %d;"
                        + " weights int8 with one scale; a second head (jailbreak vs prompt injection) trained the same"
                        + " way on the attack windows%n",
                RATE,
                best.params().lambda(),
                best.params().epochs(),
                DevSet.SEED));
        s.append(String.format(
                Locale.ROOT,
                "%d-fold CV on the tuning half: threshold %.4f (above every out-of-fold negative), recall %.3f"
                        + " (%d/%d), AUC %.4f",
                FOLDS,
                threshold,
                best.recall(),
                best.caught(),
                best.attacks(),
                best.auc()));
        return s.toString();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
