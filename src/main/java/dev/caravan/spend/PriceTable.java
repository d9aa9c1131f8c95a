package dev.caravan.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Sha256;
import dev.caravan.call.Usage;
import dev.caravan.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Immutable table of model prices that turns token usage into exact micro-dollars.
 *
 * <p><b>Arithmetic.</b> Prices are micro-dollars per million tokens, so a call costs
 * {@code ((prompt - cached) * input + cached * cachedInput + completion * output) / 1_000_000}
 * micro-dollars. The sum is formed exactly (long, falling back to BigInteger on overflow) and the one
 * division at the end rounds <em>up</em> to the next whole micro-dollar: a budget is never
 * under-charged, and the error is below one micro-dollar per call. {@code promptTokens} includes the
 * cached tokens (OpenAI's convention, which the provider translators normalise to) and
 * {@code completionTokens} already includes reasoning tokens, so reasoning is not added again.
 *
 * <p><b>Lookup.</b> {@link #find} tries, in order and stopping at the first hit: the id as given; the
 * id in lower case (ids are unique ignoring case); without a known provider prefix such as
 * {@code openai/}, {@code groq/} or {@code bedrock/}; without a Bedrock inference-profile region such
 * as {@code us.} or {@code global.} (so {@code us.anthropic.claude-3-5-sonnet-20241022-v2:0} prices as
 * {@code anthropic.claude-3-5-sonnet-20241022-v2:0} unless the regional id has its own row); and
 * finally, only for a {@code -YYYY-MM-DD} date suffix, the undated base id (so
 * {@code gpt-4o-mini-2024-07-18} prices as {@code gpt-4o-mini} unless the snapshot has its own row).
 * Other suffixes never fall back: an unknown model has no price rather than a guessed one.
 *
 * <p><b>Overrides.</b> Rows from the configuration file replace the row with the same id (ignoring
 * case) or extend the table. They are the operator's own figures, so {@code source} and
 * {@code as_of} are optional there; the bundled rows must carry both.
 */
public final class PriceTable {

    private static final String RESOURCE = "/prices.json";
    private static final BigInteger PER_MILLION = BigInteger.valueOf(1_000_000);
    private static final Set<String> PROVIDER_PREFIXES = Set.of(
            "openai",
            "anthropic",
            "google",
            "gemini",
            "vertex_ai",
            "mistral",
            "groq",
            "together",
            "together_ai",
            "fireworks",
            "fireworks_ai",
            "deepseek",
            "xai",
            "bedrock");
    private static final Pattern BEDROCK_REGION =
            Pattern.compile("^(?:us|eu|apac|au|jp|ca|global|us-gov)\\.(.+\\..+)$");
    private static final Pattern DATE_SUFFIX =
            Pattern.compile("^(.+)-\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Price> rows;
    private final Map<String, Price> byLowerCaseId;
    private final String version;

    private PriceTable(List<Price> rows) {
        Map<String, Price> index = new LinkedHashMap<>();
        for (Price row : rows) {
            if (index.putIfAbsent(key(row.model()), row) != null) {
                throw new ConfigException("price table: model '" + row.model() + "' appears more than once");
            }
        }
        this.rows = List.copyOf(rows);
        this.byLowerCaseId = Map.copyOf(index);
        this.version = fingerprint(this.rows);
    }

    /** The table bundled with Caravan, loaded once. */
    public static PriceTable bundled() {
        return Bundled.TABLE;
    }

    /** Reads a table in the bundled format; every row must carry an https {@code source} and an {@code as_of}. */
    public static PriceTable parse(InputStream json) {
        try {
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new ConfigException("price table: not readable JSON: " + e.getMessage());
        }
    }

    /** Reads a table from a tree of the form {@code {"models": [...]}}. */
    public static PriceTable parse(JsonNode root) {
        return new PriceTable(rowsOf(root == null ? null : root.get("models"), true));
    }

    /** Reads the operator's rows from a JSON or YAML tree (an array); {@code source} and {@code as_of} are optional. */
    public static List<Price> parseOverrides(JsonNode array) {
        return rowsOf(array, false);
    }

    /** A new table in which these rows replace rows with the same id or are added at the end. */
    public PriceTable withOverrides(List<Price> overrides) {
        Map<String, Price> merged = new LinkedHashMap<>();
        rows.forEach(row -> merged.put(key(row.model()), row));
        for (Price row : overrides) {
            merged.put(key(row.model()), row);
        }
        return new PriceTable(new ArrayList<>(merged.values()));
    }

    /** The price of a model, by exact id first and then by the normalisations described on the class. */
    public Optional<Price> find(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String id = key(model.strip());
        Price hit = byLowerCaseId.get(id);
        int slash = id.indexOf('/');
        if (hit == null && slash > 0 && PROVIDER_PREFIXES.contains(id.substring(0, slash))) {
            id = id.substring(slash + 1);
            hit = byLowerCaseId.get(id);
        }
        Matcher region = BEDROCK_REGION.matcher(id);
        if (hit == null && region.matches()) {
            id = region.group(1);
            hit = byLowerCaseId.get(id);
        }
        Matcher dated = DATE_SUFFIX.matcher(id);
        if (hit == null && dated.matches()) {
            hit = byLowerCaseId.get(dated.group(1));
        }
        return Optional.ofNullable(hit);
    }

    /** What a call cost in micro-dollars, rounded up; empty when the model has no price. */
    public OptionalLong costMicros(String model, Usage usage) {
        return find(model)
                .map(price -> OptionalLong.of(costMicros(price, usage)))
                .orElse(OptionalLong.empty());
    }

    /** What a call cost at this price in micro-dollars, rounded up. Negative counts count as zero. */
    public static long costMicros(Price price, Usage usage) {
        long prompt = Math.max(0, usage.promptTokens());
        long cached = Math.min(Math.max(0, usage.cachedTokens()), prompt);
        long completion = Math.max(0, usage.completionTokens());
        return ceilPerMillion(
                prompt - cached,
                price.inputMicros(),
                cached,
                price.effectiveCachedInputMicros(),
                completion,
                price.outputMicros());
    }

    /** The most a call can cost: the whole prompt at the input price plus max output at the output price, rounded up. */
    public static long worstCaseMicros(Price price, long promptTokens, long maxOutputTokens) {
        return ceilPerMillion(
                Math.max(0, promptTokens),
                price.inputMicros(),
                0,
                0,
                Math.max(0, maxOutputTokens),
                price.outputMicros());
    }

    /** First 12 hex digits of SHA-256 over the canonical rows; any change of a row changes it. */
    public String version() {
        return version;
    }

    /** The rows in table order. */
    public List<Price> rows() {
        return rows;
    }

    private static long ceilPerMillion(
            long tokensA, long priceA, long tokensB, long priceB, long tokensC, long priceC) {
        try {
            long sum = Math.addExact(
                    Math.addExact(Math.multiplyExact(tokensA, priceA), Math.multiplyExact(tokensB, priceB)),
                    Math.multiplyExact(tokensC, priceC));
            return sum / 1_000_000L + (sum % 1_000_000L == 0 ? 0 : 1);
        } catch (ArithmeticException overflow) {
            BigInteger sum = BigInteger.valueOf(tokensA)
                    .multiply(BigInteger.valueOf(priceA))
                    .add(BigInteger.valueOf(tokensB).multiply(BigInteger.valueOf(priceB)))
                    .add(BigInteger.valueOf(tokensC).multiply(BigInteger.valueOf(priceC)));
            BigInteger[] quotient = sum.divideAndRemainder(PER_MILLION);
            BigInteger micros = quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
            return micros.longValueExact();
        }
    }

    private static List<Price> rowsOf(JsonNode array, boolean bundledRules) {
        if (array == null || !array.isArray()) {
            throw new ConfigException("price table: 'models' must be a list of rows");
        }
        List<Price> parsed = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            parsed.add(row(array.get(i), i + 1, bundledRules));
        }
        return parsed;
    }

    private static Price row(JsonNode node, int number, boolean bundledRules) {
        String where = "price row " + number;
        if (node == null || !node.isObject()) {
            throw new ConfigException(where + ": must be an object");
        }
        String model = text(node, "model", where, true);
        String at = "price of model '" + model + "'";
        String provider = text(node, "provider", at, true);
        long input = micros(node, "input", at);
        long output = micros(node, "output", at);
        Long cached = node.hasNonNull("cached_input") ? micros(node, "cached_input", at) : null;
        String source = text(node, "source", at, bundledRules);
        if (source != null && bundledRules && !source.startsWith("https://")) {
            throw new ConfigException(at + ": field 'source' must be an https URL, got '" + source + "'");
        }
        String asOf = text(node, "as_of", at, bundledRules);
        return new Price(model, provider, input, output, cached, source, asOf == null ? null : date(asOf, at));
    }

    private static String text(JsonNode node, String field, String at, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ConfigException(at + ": field '" + field + "' is missing");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ConfigException(at + ": field '" + field + "' must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static long micros(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
            throw new ConfigException(at + ": field '" + field + "' must be a price in dollars per million tokens");
        }
        BigDecimal dollars;
        try {
            dollars = new BigDecimal(value.asText().strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(at + ": field '" + field + "' is not a number: '" + value.asText() + "'");
        }
        if (dollars.signum() < 0) {
            throw new ConfigException(at + ": field '" + field + "' must not be negative, got " + dollars);
        }
        try {
            return dollars.movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new ConfigException(at + ": field '" + field
                    + "' must be a whole number of micro-dollars per million tokens, got " + dollars);
        }
    }

    private static LocalDate date(String text, String at) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigException(at + ": field 'as_of' must be a date like 2026-12-06, got '" + text + "'");
        }
    }

    private static String key(String model) {
        return model.toLowerCase(Locale.ROOT);
    }

    private static String fingerprint(List<Price> rows) {
        StringBuilder canonical = new StringBuilder();
        rows.stream().sorted(Comparator.comparing(row -> key(row.model()))).forEach(row -> canonical
                .append(row.model())
                .append('\t')
                .append(row.provider())
                .append('\t')
                .append(row.inputMicros())
                .append('\t')
                .append(row.outputMicros())
                .append('\t')
                .append(row.cachedInputMicros())
                .append('\t')
                .append(row.source())
                .append('\t')
                .append(row.asOf())
                .append('\n'));
        return Sha256.hex(canonical.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /** Holds the bundled table so it is read once, on first use. */
    private static final class Bundled {
        static final PriceTable TABLE = load();

        private static PriceTable load() {
            try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
