package dev.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The labelled guardrail development set (../shared/data/guardrails), split once by a fixed seed into a tuning half and
 * a report half that is never tuned on. Span offsets are converted from code points to Java {@code char} offsets.
 */
public final class DevSet {
    /** The split's seed; changing it re-deals which records are tuned on. */
    public static final long SEED = 20261122L;

    public static final List<String> FILES =
            List.of("injection.jsonl", "benign.jsonl", "secrets.jsonl", "pii.jsonl", "destructive.jsonl");

    /** A labelled span, in char offsets. */
    public record Span(int start, int end, String category) {}

    /** One record of the set. */
    public record Entry(
            String id, String file, String text, Set<String> labels, List<Span> spans, String subset, String kind) {
        public boolean negative() {
            return labels.isEmpty();
        }
    }

    private final List<Entry> tuning;
    private final List<Entry> report;

    private DevSet(List<Entry> tuning, List<Entry> report) {
        this.tuning = List.copyOf(tuning);
        this.report = List.copyOf(report);
    }

    /** The default location: {@code CARAVAN_GUARDRAIL_DATA}, else {@code ../shared/data/guardrails}. */
    public static Path defaultDirectory() {
        String env = System.getenv("CARAVAN_GUARDRAIL_DATA");
        return Path.of(env != null ? env : "../shared/data/guardrails");
    }

    public static DevSet load(Path dir) {
        ObjectMapper json = new ObjectMapper();
        List<Entry> tuning = new ArrayList<>();
        List<Entry> report = new ArrayList<>();
        for (String file : FILES) {
            List<Entry> entries = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(dir.resolve(file))) {
                    if (!line.isBlank()) {
                        entries.add(entry(file, json.readTree(line)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Collections.shuffle(entries, new Random(SEED));
            int half = entries.size() / 2;
            tuning.addAll(entries.subList(0, half));
            report.addAll(entries.subList(half, entries.size()));
        }
        return new DevSet(tuning, report);
    }

    public List<Entry> tuning() {
        return tuning;
    }

    public List<Entry> report() {
        return report;
    }

    private static Entry entry(String file, JsonNode n) {
        String text = n.get("text").asText();
        Set<String> labels = new LinkedHashSet<>();
        n.path("labels").forEach(l -> labels.add(l.asText()));
        List<Span> spans = new ArrayList<>();
        for (JsonNode s : n.path("spans")) {
            int start = text.offsetByCodePoints(0, s.get("start").asInt());
            int end = text.offsetByCodePoints(0, s.get("end").asInt());
            spans.add(new Span(start, end, s.get("category").asText()));
        }
        return new Entry(
                n.get("id").asText(),
                file,
                text,
                Set.copyOf(labels),
                List.copyOf(spans),
                n.path("subset").asText(),
                n.path("meta").path("kind").asText(""));
    }
}
