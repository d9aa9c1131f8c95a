package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;
import java.util.Random;

/** Builds credential-shaped test values at run time, so that no realistic secret is written into the repository. */
final class Fixtures {
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String BASE64URL = ALNUM + "-_";
    static final String BASE64 = ALNUM + "+/";
    static final String HEX = "0123456789abcdef";

    private final Random random;
    private final SecretDetector detector = new SecretDetector();

    Fixtures(long seed) {
        random = new Random(seed);
    }

    String random(String alphabet, int length) {
        if (length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String value = out.toString();
        // a random draw that happens to look like a dummy would make a test flaky, so draw again
        return ValueShape.looksGenuine(value, 0, value.length()) && mixed(value, alphabet)
                ? value
                : random(alphabet, length);
    }

    private static boolean mixed(String value, String alphabet) {
        if (!alphabet.contains("a") || !alphabet.contains("A")) {
            return true;
        }
        return value.chars().anyMatch(Character::isUpperCase)
                && value.chars().anyMatch(Character::isLowerCase)
                && value.chars().anyMatch(Character::isDigit);
    }

    List<Finding> scan(String text) {
        return detector.scan(text, Source.USER);
    }

    /** Findings at or above the default threshold. */
    List<Finding> flagged(String text) {
        return scan(text).stream().filter(f -> f.score() >= 0.5).toList();
    }

    /** Whether some flagged finding covers exactly-or-more than {@code value} where it occurs in {@code text}. */
    boolean covers(String text, String value) {
        int start = text.indexOf(value);
        int end = start + value.length();
        return start >= 0 && flagged(text).stream().anyMatch(f -> f.start() <= start && f.end() >= end);
    }

    static String spanText(String text, Finding f) {
        return text.substring(f.start(), f.end());
    }
}
