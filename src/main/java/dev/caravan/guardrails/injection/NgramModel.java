package dev.caravan.guardrails.injection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A logistic-regression model over hashed word uni- and bigrams and character 3–5-grams of the folded text, scoring
 * windows of two consecutive blocks and reporting the strongest one, with a second head that tells a jailbreak from
 * a prompt injection in that window; weights are bytes with one scale per head.
 */
public final class NgramModel {
    public static final String RESOURCE = "/guardrails/injection-model.bin";

    private static final int MAGIC = 0x434e474d;
    private static final String HEADER_END = "\n---\n";
    private static final int CHAR_BASIS = 0x811c9dc5;
    private static final int WORD_BASIS = 0x2545f491;
    private static final int PRIME = 0x01000193;
    private static final int STATE = 3;

    private final int bits;
    private final int block;
    private final int blockShift;
    private final int floor;
    private final Head attack;
    private final Head jailbreak;
    private final float threshold;

    /** One logistic head: int8 weights over the buckets, their scale, and the bias. */
    public record Head(byte[] weights, float scale, float bias) {}

    /** The strongest window, in folded-text offsets, and its attack probability. */
    public record Window(int start, int end, double probability) {}

    /**
     * A model over {@code 2^bits} buckets whose windows are two {@code block}-char blocks (each char is hashed once and
     * read by two windows); a window's sum is divided by the root of its feature count, but of at least {@code floor}
     * so that a few words cannot swing the score.
     */
    public NgramModel(int bits, int block, int floor, Head attack, Head jailbreak, float threshold) {
        if (attack.weights().length != 1 << bits || jailbreak.weights().length != 1 << bits) {
            throw new IllegalArgumentException("expected " + (1 << bits) + " weights per head");
        }
        if (block < 16 || Integer.bitCount(block) != 1 || floor < 0) {
            throw new IllegalArgumentException("bad block " + block + " or floor " + floor);
        }
        this.bits = bits;
        this.block = block;
        this.blockShift = Integer.numberOfTrailingZeros(block);
        this.floor = floor;
        this.attack = attack;
        this.jailbreak = jailbreak;
        this.threshold = threshold;
    }

    /** The model shipped in the jar; a missing or corrupt resource stops the detector from being built. */
    public static NgramModel bundled() {
        return Bundled.MODEL;
    }

    private static final class Bundled {
        private static final NgramModel MODEL = loadBundled();

        private static NgramModel loadBundled() {
            try (InputStream in = NgramModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a model: UTF-8 provenance lines up to a {@code ---} line, then the gzipped binary weights. */
    public static NgramModel read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int at = indexOf(all, HEADER_END.getBytes(StandardCharsets.US_ASCII));
        if (at < 0) {
            throw new IOException("model has no header end");
        }
        DataInputStream data = new DataInputStream(new GZIPInputStream(
                new ByteArrayInputStream(all, at + HEADER_END.length(), all.length - at - HEADER_END.length())));
        if (data.readInt() != MAGIC) {
            throw new IOException("not an n-gram model");
        }
        int bits = data.readInt();
        if (bits < 8 || bits > 24) {
            throw new IOException("bad bucket bits " + bits);
        }
        float threshold = data.readFloat();
        int block = data.readInt();
        int floor = data.readInt();
        Head attack = readHead(data, bits);
        Head jailbreak = readHead(data, bits);
        return new NgramModel(bits, block, floor, attack, jailbreak, threshold);
    }

    private static Head readHead(DataInputStream data, int bits) throws IOException {
        float scale = data.readFloat();
        float bias = data.readFloat();
        byte[] weights = new byte[1 << bits];
        data.readFully(weights);
        return new Head(weights, scale, bias);
    }

    /** Writes the provenance header (each line prefixed with '#') and the weights. */
    public byte[] write(String provenance) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String line : provenance.split("\n", -1)) {
                out.write(("# " + line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(HEADER_END.substring(1).getBytes(StandardCharsets.US_ASCII));
            DataOutputStream body = new DataOutputStream(new GZIPOutputStream(out));
            body.writeInt(MAGIC);
            body.writeInt(bits);
            body.writeFloat(threshold);
            body.writeInt(block);
            body.writeInt(floor);
            for (Head head : List.of(attack, jailbreak)) {
                body.writeFloat(head.scale());
                body.writeFloat(head.bias());
                body.write(head.weights());
            }
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The probability at and above which a window counts as an attack, chosen by cross-validation. */
    public double threshold() {
        return threshold;
    }

    /** The strongest window of {@code folded} (lower-cased, normalised text), or null when none reaches threshold. */
    public Window strongestWindow(String folded) {
        Window best = bestWindow(folded);
        return best.probability() >= threshold ? best : null;
    }

    /** The strongest window of {@code folded}, whatever its probability. */
    public Window bestWindow(String folded) {
        char[] text = folded.toCharArray();
        int blocks = Math.max(1, (text.length + block - 1) / block);
        long[] sums = new long[blocks];
        int[] counts = new int[blocks];
        int[] buckets = new int[maxFeatures(block)];
        int[] state = new int[STATE];
        byte[] weights = attack.weights();
        for (int b = 0; b < blocks; b++) {
            int k = features(text, b * block, Math.min(text.length, (b + 1) * block), 32 - bits, buckets, state);
            long sum = 0;
            for (int j = 0; j < k; j++) {
                sum += weights[buckets[j]];
            }
            sums[b] = sum;
            counts[b] = k;
        }
        double bestLogit = Double.NEGATIVE_INFINITY;
        int bestBlock = 0;
        for (int b = 0; b == 0 || b + 1 < blocks; b++) {
            int last = Math.min(b + 1, blocks - 1);
            long sum = sums[b] + (last > b ? sums[last] : 0);
            int count = counts[b] + (last > b ? counts[last] : 0);
            if (count == 0) {
                continue;
            }
            double logit = attack.bias() + attack.scale() * sum / Math.sqrt(Math.max(count, floor));
            if (logit > bestLogit) {
                bestLogit = logit;
                bestBlock = b;
            }
        }
        int start = bestBlock * block;
        int end = Math.min(text.length, start + 2 * block);
        return new Window(start, end, bestLogit == Double.NEGATIVE_INFINITY ? 0 : 1.0 / (1.0 + Math.exp(-bestLogit)));
    }

    /** Whether the second head reads {@code window} of {@code folded} as a jailbreak rather than a prompt injection. */
    public boolean jailbreak(String folded, Window window) {
        char[] text = folded.substring(window.start(), window.end()).toCharArray();
        int[] buckets = new int[maxFeatures(text.length)];
        int k = features(text, 0, text.length, 32 - bits, buckets, new int[STATE]);
        long sum = 0;
        for (int j = 0; j < k; j++) {
            sum += jailbreak.weights()[buckets[j]];
        }
        return jailbreak.bias() + jailbreak.scale() * sum / Math.sqrt(Math.max(1, Math.max(k, floor))) > 0;
    }

    /** {@code text} folded the way the detector folds it before scoring, for training. */
    public static String fold(String text) {
        return new TextNormalizer().normalize(text).text();
    }

    /** The feature buckets of each {@code block}-char block of {@code folded}, for training. */
    public static int[][] blockFeatures(String folded, int bits, int block) {
        char[] text = folded.toCharArray();
        int blocks = Math.max(1, (text.length + block - 1) / block);
        int[][] out = new int[blocks][];
        int[] buckets = new int[maxFeatures(block)];
        int[] state = new int[STATE];
        for (int b = 0; b < blocks; b++) {
            int k = features(text, b * block, Math.min(text.length, (b + 1) * block), 32 - bits, buckets, state);
            out[b] = Arrays.copyOf(buckets, k);
        }
        return out;
    }

    /** Three char n-grams per char; a word and its bigram need at least two chars (a letter and a separator). */
    private static int maxFeatures(int chars) {
        return 4 * chars + 4;
    }

    /**
     * The features of chars {@code [from, to)} of {@code text} into {@code out}, returning how many: the character 3-,
     * 4- and 5-grams that start there, and the word unigrams and bigrams (words are letter or digit runs) that end
     * there. Blocks must be read in order with one {@code state} (the word being read, the word before, whether inside
     * a word), which carries a word across a block's end.
     */
    private static int features(char[] text, int from, int to, int shift, int[] out, int[] state) {
        int n = text.length;
        int word = state[0];
        int previousWord = state[1];
        boolean inWord = state[2] != 0;
        int k = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (i + 5 <= n && (i == 0 || text[i - 1] != c)) {
                int h = (((CHAR_BASIS ^ c) * PRIME ^ text[i + 1]) * PRIME ^ text[i + 2]) * PRIME;
                out[k++] = bucket(h, shift);
                h = (h ^ text[i + 3]) * PRIME;
                out[k++] = bucket(h, shift);
                h = (h ^ text[i + 4]) * PRIME;
                out[k++] = bucket(h, shift);
            } else if (i + 5 > n || text[i + 1] != c || text[i + 2] != c || text[i + 3] != c || text[i + 4] != c) {
                k = charGramsSlowly(text, i, shift, out, k);
            }
            // else: inside a run of one char (indentation), every gram from here is the run repeated: none is kept.
            boolean letterOrDigit = c < 0x80
                    ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                    : Character.isLetterOrDigit(c);
            if (letterOrDigit) {
                word = inWord ? (word ^ c) * PRIME : (WORD_BASIS ^ c) * PRIME;
                inWord = true;
            } else if (inWord) {
                k = emitWord(word, previousWord, shift, out, k);
                previousWord = word;
                inWord = false;
            }
        }
        if (to == n && inWord) {
            k = emitWord(word, previousWord, shift, out, k);
            previousWord = word;
            inWord = false;
        }
        state[0] = word;
        state[1] = previousWord;
        state[2] = inWord ? 1 : 0;
        return k;
    }

    /** Near the end of the text or inside a run of one char, whose n-grams each repeat the one before and count once. */
    private static int charGramsSlowly(char[] text, int i, int shift, int[] out, int k) {
        char c = text[i];
        boolean repeat = i > 0 && text[i - 1] == c;
        int h = CHAR_BASIS;
        int limit = Math.min(text.length, i + 5);
        for (int j = i; j < limit; j++) {
            char cj = text[j];
            repeat &= cj == c;
            h = (h ^ cj) * PRIME;
            if (j - i >= 2 && !repeat) {
                out[k++] = bucket(h, shift);
            }
        }
        return k;
    }

    private static int emitWord(int word, int previousWord, int shift, int[] out, int k) {
        out[k++] = bucket(word ^ 0x5bd1e995, shift);
        if (previousWord != 0) {
            out[k++] = bucket(previousWord * 31 + word, shift);
        }
        return k;
    }

    /** Fibonacci hashing: the top {@code 32 - shift} bits of the state times the golden ratio pick the bucket. */
    private static int bucket(int h, int shift) {
        return (h * 0x9e3779b1) >>> shift;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
