package dev.caravan.guardrails;

import dev.caravan.bench.DevSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The texts of one file of the guardrail development set, both halves, or none when the set is not on this machine. */
public final class DevSetTexts {
    private static final Path DIRECTORY = DevSet.defaultDirectory();

    private DevSetTexts() {}

    public static boolean present() {
        return Files.isDirectory(DIRECTORY);
    }

    /** The texts of {@code file} that carry labels. */
    public static List<String> positives(String file) {
        return texts(file, true);
    }

    /** Every text of {@code file}. */
    public static List<String> all(String file) {
        return texts(file, false);
    }

    private static List<String> texts(String file, boolean positivesOnly) {
        if (!present()) {
            return List.of();
        }
        DevSet set = DevSet.load(DIRECTORY);
        List<String> texts = new ArrayList<>();
        for (List<DevSet.Entry> half : List.of(set.tuning(), set.report())) {
            for (DevSet.Entry e : half) {
                if (e.file().equals(file) && !(positivesOnly && e.negative())) {
                    texts.add(e.text());
                }
            }
        }
        return texts;
    }
}
