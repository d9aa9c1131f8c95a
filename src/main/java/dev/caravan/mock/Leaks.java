package dev.caravan.mock;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Answers that leak something sensitive, made up fresh for each call ({@code mock?leak=secret|card|email}), so a demo
 * or a test can watch the completion guardrails at work without the value ever appearing in the request.
 */
public final class Leaks {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Random RANDOM = new SecureRandom();

    private Leaks() {}

    static String reply(String kind) {
        return switch (kind) {
            case "secret" ->
                "Sure. The staging key is " + projectKey() + " and it rotates monthly; keep it out of git.";
            case "card" -> "The card on file is " + visa() + ", expiring next spring.";
            case "email" -> "Write to " + mailbox() + " for an invoice copy.";
            default -> throw new IllegalArgumentException("unknown leak '" + kind + "' (secret, card or email)");
        };
    }

    /** A made-up key in OpenAI's project-key shape; assembled at run time so no scanner flags this file. */
    public static String projectKey() {
        return "sk-" + "proj-" + letters(60) + "T3Blbk" + "FJ" + letters(60);
    }

    /** A Luhn-valid Visa number, grouped in fours. */
    private static String visa() {
        int[] digits = new int[16];
        digits[0] = 4;
        for (int i = 1; i < 15; i++) {
            digits[i] = RANDOM.nextInt(10);
        }
        int sum = 0;
        for (int i = 14; i >= 0; i--) {
            int d = (14 - i) % 2 == 0 ? digits[i] * 2 : digits[i];
            sum += d > 9 ? d - 9 : d;
        }
        digits[15] = (10 - sum % 10) % 10;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            out.append(i > 0 && i % 4 == 0 ? " " : "").append(digits[i]);
        }
        return out.toString();
    }

    private static String mailbox() {
        return "billing." + letters(6).toLowerCase(java.util.Locale.ROOT) + "@northwind-traders.com";
    }

    private static String letters(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
