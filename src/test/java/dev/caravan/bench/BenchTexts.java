package dev.caravan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared inputs of the guardrail benchmarks and timing tests: ordinary prompts and adversarial runs. */
public final class BenchTexts {
    private BenchTexts() {}

    private static final Pattern WORD_TOKEN = Pattern.compile("\\s*\\S{1,6}");

    static final String ORDINARY =
            """
            I'm refactoring a small Spring service and would like a second opinion before the review on Thursday.
            The controller below returns a list of orders for a customer, sorted by date. It works, but the query
            is slow once a customer has more than 2,000 orders, and the page takes about 3.5 seconds to render.

                @GetMapping("/customers/{id}/orders")
                List<OrderView> orders(@PathVariable long id) {
                    return repository.findByCustomer(id).stream()
                            .sorted(comparing(Order::placedAt).reversed())
                            .map(OrderView::of)
                            .toList();
                }

            Could you suggest how to paginate this properly, whether an index on (customer_id, placed_at) would
            help, and how to keep the API backwards compatible for the mobile app, which still calls version 2.3?
            Please keep the answer short and explain the trade-offs in plain words. Thanks a lot!
            """;

    /** The ordinary prompt repeated (or cut) to exactly {@code length} chars. */
    public static String ordinary(int length) {
        StringBuilder out = new StringBuilder(length + ORDINARY.length());
        while (out.length() < length) {
            out.append(ORDINARY);
        }
        return out.substring(0, length);
    }

    /** Runs of what detectors key on: key prefixes, '@', digit runs, trigger words, base64, separators. */
    public static String adversarial(int length, Random random) {
        String[] pieces = {
            "sk-",
            "sk-proj-",
            "AKIA",
            "ghp_",
            "eyJ",
            "-----BEGIN ",
            "@",
            "@@",
            "user@",
            "+1 ",
            "4111 ",
            "0000-",
            "DE89",
            "ignore ",
            "previous ",
            "instructions ",
            "rm -rf ",
            "DROP ",
            "' OR '1'='1",
            "UNION SELECT ",
            "aGVsbG8gd29ybGQ=",
            "0x",
            "ᴀ",
            "\u200b",
            "password=",
            "://",
            ":",
            "/",
            "-",
            " ",
            "1234567890"
        };
        StringBuilder out = new StringBuilder(length + 32);
        while (out.length() < length) {
            out.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextInt(4) == 0) {
                for (int i = random.nextInt(40); i > 0; i--) {
                    out.append((char) ('a' + random.nextInt(26)));
                }
            }
        }
        return out.substring(0, length);
    }

    /**
     * Sentences drawn from {@code words} with a line of {@code code} every fourth sentence, as a prompt about a coding
     * task reads; numbers never stand next to each other (tables are another benchmark's subject).
     */
    public static String prose(Random random, int length, String[] words, String[] code) {
        StringBuilder sb = new StringBuilder(length + 200);
        int sentence = 0;
        while (sb.length() < length) {
            if (++sentence % 4 == 0) {
                sb.append('\n').append(code[random.nextInt(code.length)]).append('\n');
                continue;
            }
            int count = 8 + random.nextInt(12);
            boolean lastWasNumber = false;
            for (int w = 0; w < count; w++) {
                String word = words[random.nextInt(words.length)];
                boolean number = Character.isDigit(word.charAt(0));
                if (number && lastWasNumber) {
                    continue;
                }
                lastWasNumber = number;
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                        .append(' ');
            }
            sb.setLength(sb.length() - 1);
            sb.append(". ");
        }
        sb.setLength(length);
        return sb.toString();
    }

    /** The answer with a project key and a card number put into it, for the governed stream benchmarks. */
    static String withSecretAndCard(String answer) {
        String card = "4111 1111 1111 1111";
        String key = "sk-proj-" + "Zq8vN2rT5wXk3LmP9sYb4HcJ7fGd1QeR6tUa0VnM";
        return answer.substring(0, 700) + " use " + key + " now " + answer.substring(700, 1400) + " card " + card
                + " ok " + answer.substring(1400);
    }

    /** The answer cut into word-sized tokens as OpenAI streams them ({@code "Hello"}, {@code " world"}), at most n. */
    static List<String> tokens(String answer, int n) {
        List<String> tokens = new ArrayList<>();
        Matcher token = WORD_TOKEN.matcher(answer);
        while (token.find() && tokens.size() < n) {
            tokens.add(token.group());
        }
        return tokens;
    }
}
