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
    private static final int GOLDEN = 0x9e3779b1;
    /** {@code (h ^ c) * PRIME * GOLDEN}: the FNV step and the bucket hash in one multiply. */
    private static final int PRIME_GOLDEN = PRIME * GOLDEN;
    /** Set apart a word's unigram bucket from its hash's other uses. */
    private static final int UNIGRAM_SALT = 0x5bd1e995;

    private static final boolean[] ASCII_WORD = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        }
    }

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
        return bestWindow(folded.toCharArray());
    }

    /** As {@link #bestWindow(String)}, on the folded text's chars (only read). */
    Window bestWindow(char[] text) {
        int blocks = Math.max(1, (text.length + block - 1) / block);
        long[] sums = new long[blocks];
        int[] counts = new int[blocks];
        Words words = new Words();
        for (int b = 0; b < blocks; b++) {
            long found = features(text, b * block, Math.min(text.length, (b + 1) * block), attack.weights(), words);
            sums[b] = sum(found);
            counts[b] = count(found);
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
        long found = features(text, 0, text.length, jailbreak.weights(), new Words());
        long sum = sum(found);
        int k = count(found);
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
        Words words = new Words();
        byte[] none = new byte[1 << bits];
        for (int b = 0; b < blocks; b++) {
            // Char by char, each char's grams before the words it ends: the order training has always read them in.
            int k = 0;
            for (int i = b * block; i < Math.min(text.length, (b + 1) * block); i++) {
                k += count(charGrams(text, i, i + 1, 32 - bits, none, buckets, k, null));
                k += count(words.read(text, i, i + 1, 32 - bits, none, buckets, k));
            }
            out[b] = Arrays.copyOf(buckets, k);
        }
        return out;
    }

    /** Three char n-grams per char; a word and its bigram need at least two chars (a letter and a separator). */
    private static int maxFeatures(int chars) {
        return 4 * chars + 4;
    }

    /** The weight sum and count of the features of chars {@code [from, to)}: its char n-grams and its words. */
    private long features(char[] text, int from, int to, byte[] weights, Words words) {
        return charGrams(text, from, to, 32 - bits, weights, null, 0, words);
    }

    /** A weight sum and a feature count packed in one long; two such longs add up field by field. */
    private static long found(int sum, int count) {
        return ((long) sum << 32) + count;
    }

    private static long sum(long found) {
        return found >> 32;
    }

    private static int count(long found) {
        return (int) found;
    }

    /**
     * The character 3-, 4- and 5-grams that start in chars {@code [from, to)} of {@code text}: their weight sum and
     * count, and their buckets into {@code buckets} from {@code at} when it is not null. Each gram's bucket is the
     * bucket() of its FNV hash, with the last FNV step and the bucket hash folded into one multiply. With {@code words}
     * (scoring; training reads words itself, in its own order), the words ending in those chars are added too, read in
     * the same loop: one pass over the chars instead of two.
     */
    private static long charGrams(
            char[] text, int from, int to, int shift, byte[] weights, int[] buckets, int at, Words words) {
        int sum = 0;
        int k = at;
        boolean scoring = words != null;
        // Between words the hash rests at its basis, so a word char needs no test for whether a word is open.
        int word = scoring && words.open ? words.word : WORD_BASIS;
        int previous = scoring ? words.previous : 0;
        boolean open = scoring && words.open;
        long wordsFound = 0;
        int full = Math.min(to, text.length - 4);
        int i = from;
        if (i < full) {
            // The five chars of the grams starting at i slide along in locals: one array read per char.
            int before = i > 0 ? text[i - 1] : -1;
            char c0 = text[i];
            char c1 = text[i + 1];
            char c2 = text[i + 2];
            char c3 = text[i + 3];
            for (; i < full; i++) {
                char c4 = text[i + 4];
                if (scoring) {
                    // Words.read's step for char c0, on locals.
                    if (c0 < 0x80 ? ASCII_WORD[c0] : Character.isLetterOrDigit(c0)) {
                        word = (word ^ c0) * PRIME;
                        open = true;
                    } else if (open) {
                        // Words.emit's unigram and bigram, added to this loop's sum and count: no packed long per word.
                        sum += weights[bucket(word ^ UNIGRAM_SALT, shift)];
                        k++;
                        if (previous != 0) {
                            sum += weights[bucket(previous * 31 + word, shift)];
                            k++;
                        }
                        previous = word;
                        word = WORD_BASIS;
                        open = false;
                    }
                }
                // A gram is dropped only when it repeats the char before it all along (see gramsAtRun): none of the
                // three is unless that char and the next two are c0, so a doubled letter takes this path too.
                if (before != c0 || c1 != c0 || c2 != c0) {
                    int x = ((CHAR_BASIS ^ c0) * PRIME ^ c1) * PRIME ^ c2;
                    int g3 = (x * PRIME_GOLDEN) >>> shift;
                    x = x * PRIME ^ c3;
                    int g4 = (x * PRIME_GOLDEN) >>> shift;
                    x = x * PRIME ^ c4;
                    int g5 = (x * PRIME_GOLDEN) >>> shift;
                    sum += weights[g3] + weights[g4] + weights[g5];
                    if (buckets != null) {
                        buckets[k] = g3;
                        buckets[k + 1] = g4;
                        buckets[k + 2] = g5;
                    }
                    k += 3;
                } else if (c3 != c0 || c4 != c0) {
                    // The end of a run of c0 (the char before, c1 and c2 are c0 too), read as gramsAtRun would:
                    // the 3-gram repeats the one before, the 4-gram too unless c3 ends the run; the 5-gram is new.
                    int x = ((((CHAR_BASIS ^ c0) * PRIME ^ c0) * PRIME ^ c0) * PRIME) ^ c3;
                    if (c3 != c0) {
                        int g4 = (x * PRIME_GOLDEN) >>> shift;
                        sum += weights[g4];
                        if (buckets != null) {
                            buckets[k] = g4;
                        }
                        k++;
                    }
                    x = x * PRIME ^ c4;
                    int g5 = (x * PRIME_GOLDEN) >>> shift;
                    sum += weights[g5];
                    if (buckets != null) {
                        buckets[k] = g5;
                    }
                    k++;
                }
                // else: inside a run of one char (indentation), every gram from here is the run repeated: none is kept.
                before = c0;
                c0 = c1;
                c1 = c2;
                c2 = c3;
                c3 = c4;
            }
        }
        if (scoring) {
            words.word = word;
            words.previous = previous;
            words.open = open;
            // The chars the loop above did not reach (the text's last four), and the word the text ends in.
            wordsFound += words.read(text, i, to, shift, weights, null, 0);
        }
        for (; i < to; i++) {
            long found = gramsAtRun(text, i, shift, weights, buckets, k);
            sum += (int) sum(found);
            k += count(found);
        }
        return found(sum, k - at) + wordsFound;
    }

    /**
     * The grams starting at {@code i} near the text's end or where a run of one char starts or ends: a gram that only
     * repeats the char before it repeats the gram before it, and counts once.
     */
    private static long gramsAtRun(char[] text, int i, int shift, byte[] weights, int[] buckets, int at) {
        char c = text[i];
        boolean repeat = i > 0 && text[i - 1] == c;
        int h = CHAR_BASIS;
        int limit = Math.min(text.length, i + 5);
        int sum = 0;
        int k = at;
        for (int j = i; j < limit; j++) {
            char cj = text[j];
            repeat &= cj == c;
            h = (h ^ cj) * PRIME;
            if (j - i >= 2 && !repeat) {
                int g = bucket(h, shift);
                sum += weights[g];
                if (buckets != null) {
                    buckets[k] = g;
                }
                k++;
            }
        }
        return found(sum, k - at);
    }

    /**
     * The word unigrams and bigrams (words are letter or digit runs) that end in a block; blocks are read in order,
     * and the word being read, the word before it and whether a word is open carry over a block's end.
     */
    private static final class Words {
        private int word;
        private int previous;
        private boolean open;

        /** The words ending in chars {@code [from, to)}: their weight sum and count, buckets as in charGrams. */
        long read(char[] text, int from, int to, int shift, byte[] weights, int[] buckets, int at) {
            int w = word;
            int before = previous;
            boolean inWord = open;
            long found = 0;
            for (int i = from; i < to; i++) {
                char c = text[i];
                if (c < 0x80 ? ASCII_WORD[c] : Character.isLetterOrDigit(c)) {
                    w = inWord ? (w ^ c) * PRIME : (WORD_BASIS ^ c) * PRIME;
                    inWord = true;
                } else if (inWord) {
                    found += emit(w, before, shift, weights, buckets, at + count(found));
                    before = w;
                    inWord = false;
                }
            }
            if (to == text.length && inWord) {
                found += emit(w, before, shift, weights, buckets, at + count(found));
                before = w;
                inWord = false;
            }
            word = w;
            previous = before;
            open = inWord;
            return found;
        }

        private static long emit(int word, int previous, int shift, byte[] weights, int[] buckets, int at) {
            int unigram = bucket(word ^ UNIGRAM_SALT, shift);
            if (buckets != null) {
                buckets[at] = unigram;
            }
            if (previous == 0) {
                return found(weights[unigram], 1);
            }
            int bigram = bucket(previous * 31 + word, shift);
            if (buckets != null) {
                buckets[at + 1] = bigram;
            }
            return found(weights[unigram] + weights[bigram], 2);
        }
    }

    /** Fibonacci hashing: the top {@code 32 - shift} bits of the state times the golden ratio pick the bucket. */
    private static int bucket(int h, int shift) {
        return (h * GOLDEN) >>> shift;
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
