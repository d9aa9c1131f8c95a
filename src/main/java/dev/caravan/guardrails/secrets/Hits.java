package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects one scan's candidate spans and merges overlapping ones into findings with the highest score. */
final class Hits {
    private static final int[] NONE = new int[0];

    private int[] starts = NONE;
    private int[] ends = NONE;
    private double[] scores = new double[0];
    private int size;

    void add(int start, int end, double score) {
        if (end <= start || score <= 0) {
            return;
        }
        if (size == starts.length) {
            int capacity = Math.max(4, size * 2);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            scores = Arrays.copyOf(scores, capacity);
        }
        starts[size] = start;
        ends[size] = end;
        scores[size] = Math.min(1.0, score);
        size++;
    }

    List<Finding> findings() {
        if (size == 0) {
            return List.of();
        }
        long[] order = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = ((long) starts[i] << 32) | i;
        }
        Arrays.sort(order);
        List<Finding> out = new ArrayList<>(size);
        int first = (int) order[0];
        int start = starts[first];
        int end = ends[first];
        double score = scores[first];
        for (int k = 1; k < size; k++) {
            int i = (int) order[k];
            if (starts[i] < end) {
                end = Math.max(end, ends[i]);
                score = Math.max(score, scores[i]);
            } else {
                out.add(new Finding(start, end, Category.SECRET, score));
                start = starts[i];
                end = ends[i];
                score = scores[i];
            }
        }
        out.add(new Finding(start, end, Category.SECRET, score));
        return out;
    }
}
