package dev.caravan.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.keys.GatewayKey;
import dev.caravan.spend.Budget;
import dev.caravan.spend.Budgets;
import dev.caravan.spend.Price;
import dev.caravan.spend.PriceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The optional YAML file named by {@code --config}: what is structured (upstreams, routes, guardrails, keys), with
 * {@code where} naming the line of a key so that later validation can point at it too.
 */
public record CaravanFile(
        Map<String, UpstreamEntry> upstreams,
        List<RouteEntry> routes,
        List<Price> prices,
        List<Budget> budgets,
        GuardPolicy policy,
        List<GatewayKey> keys,
        Function<String, String> where) {

    /** The file as written, before validation. */
    record Written(
            @JsonProperty("upstreams") Map<String, UpstreamEntry> upstreams,
            @JsonProperty("routes") List<RouteEntry> routes,
            @JsonProperty("prices") JsonNode prices,
            @JsonProperty("budgets") List<BudgetEntry> budgets,
            @JsonProperty("guardrails") GuardrailsSection guardrails,
            @JsonProperty("keys") List<KeyEntry> keys) {}

    /** One named upstream: its base URL (the SDK base URL of its API) and an optional credential reference. */
    public record UpstreamEntry(
            @JsonProperty("baseUrl") String baseUrl, @JsonProperty("credential") String credential) {}

    public static final CaravanFile EMPTY =
            new CaravanFile(Map.of(), List.of(), List.of(), List.of(), GuardPolicy.defaults(), List.of(), key -> "");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public CaravanFile {
        upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
        routes = routes == null ? List.of() : List.copyOf(routes);
        prices = prices == null ? List.of() : List.copyOf(prices);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        where = where == null ? key -> "" : where;
        policy = policy == null ? GuardPolicy.defaults() : policy;
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** Reads and validates the file; a problem stops the boot with a message naming the line. */
    public static CaravanFile load(Path file) {
        if (file == null) {
            return EMPTY;
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException("config file " + file + " cannot be read");
        }
        try {
            Written parsed = YAML.readValue(file.toFile(), Written.class);
            if (parsed == null) {
                return EMPTY;
            }
            Function<String, String> where = key -> file + " line " + lineOf(file, key, 0) + ": ";
            GuardPolicy policy = parsed.guardrails() == null
                    ? GuardPolicy.defaults()
                    : parsed.guardrails().toPolicy(where);
            List<Price> prices;
            try {
                prices = parsed.prices() == null ? List.of() : PriceTable.parseOverrides(parsed.prices());
            } catch (ConfigException e) {
                throw new ConfigException(where.apply("prices") + e.getMessage());
            }
            List<Budget> budgets = Budgets.of(parsed.budgets() == null ? List.of() : parsed.budgets(), where);
            List<GatewayKey> keys = KeyEntry.toKeys(parsed.keys(), where);
            return new CaravanFile(parsed.upstreams(), parsed.routes(), prices, budgets, policy, keys, where);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    file + " line "
                            + lineOf(file, e.getPropertyName(), e.getLocation().getLineNr()) + ": unknown key '"
                            + dotted(e)
                            + "' (this version reads: upstreams.<name>.baseUrl|credential, routes, prices, budgets, guardrails and keys; see docs/configuration.md)");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The key of the {@code n}th declaration (from 0) of {@code key}, for {@code where}: a repeated alias, say. */
    public static String nth(String key, int n) {
        return key + "\n" + n;
    }

    /** The line where the key is written; Jackson's own location points past the value. */
    private static int lineOf(Path file, String key, int fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            int occurrence = 0;
            int newline = key.indexOf('\n');
            if (newline >= 0) {
                occurrence = Integer.parseInt(key.substring(newline + 1));
                key = key.substring(0, newline);
            }
            // "name: value" finds a list entry by its name; a bare key finds where that key is declared.
            String[] keyValue = key.split(": ", 2);
            Pattern declaration = keyValue.length == 2
                    ? Pattern.compile("^\\s*(- )?" + Pattern.quote(keyValue[0]) + "\\s*:\\s*[\"']?"
                            + Pattern.quote(keyValue[1]) + "[\"']?\\s*(#.*)?$")
                    : Pattern.compile("^\\s*(- )?" + Pattern.quote(key) + "\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (declaration.matcher(lines.get(i)).find() && occurrence-- == 0) {
                    return i + 1;
                }
            }
        } catch (IOException ignored) {
            // the file was readable a moment ago; Jackson's line is the best we have
        }
        return fallback;
    }

    private static String dotted(UnrecognizedPropertyException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
