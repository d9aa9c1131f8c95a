package dev.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/configuration.md names every property and YAML key the code reads; the key sets come from the code itself. */
class ConfigurationReferenceTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path REFERENCE = Path.of("docs", "configuration.md");
    private static final Pattern BINDER_KEY = Pattern.compile("\"(caravan\\.[a-z0-9.-]+[a-z0-9])\"");
    private static final Pattern RESOLVED_KEY = Pattern.compile("resolveProperty\\(\\s*\"(caravan\\.[a-z0-9.-]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(caravan\\.[a-z0-9.-]+)(:[^}]*)?}}");
    private static final Pattern PRICE_FIELD = Pattern.compile("(?:text|micros|hasNonNull)\\((?:node, )?\"([a-z_]+)\"");

    /** application.properties, the settings binders' names, and every {{caravan.*}} placeholder in the routes. */
    static Set<String> propertyKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        Properties bundled = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            bundled.load(in);
        }
        keys.addAll(bundled.stringPropertyNames());
        for (String binder : List.of("SettingsBinder.java", "AuditSettings.java")) {
            keys.addAll(matches(
                    BINDER_KEY,
                    Files.readString(MAIN.resolve("dev/caravan/config").resolve(binder))));
        }
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                keys.addAll(matches(RESOLVED_KEY, code));
                keys.addAll(matches(PLACEHOLDER, code));
            }
        }
        return keys;
    }

    /** Each section of the YAML file with the keys its parser accepts, nested keys as {@code parent.child}. */
    static Map<String, Set<String>> yamlKeys() throws IOException {
        Map<String, Set<String>> sections = new TreeMap<>();
        for (RecordComponent section : CaravanFile.Written.class.getRecordComponents()) {
            String name =
                    section.getAccessor().getAnnotation(JsonProperty.class).value();
            Set<String> keys = new TreeSet<>();
            walk(section.getGenericType(), "", keys);
            sections.put(name, keys);
        }
        sections.get("upstreams").addAll(recordKeys(CaravanFile.UpstreamEntry.class));
        sections.get("prices")
                .addAll(matches(PRICE_FIELD, Files.readString(MAIN.resolve("dev/caravan/spend/PriceTable.java"))));
        return sections;
    }

    private static Set<String> recordKeys(Class<?> record) {
        Set<String> keys = new TreeSet<>();
        walk(record, "", keys);
        return keys;
    }

    private static void walk(Type type, String prefix, Set<String> keys) {
        if (type instanceof ParameterizedType generic) {
            Type[] arguments = generic.getActualTypeArguments();
            walk(arguments[arguments.length - 1], prefix, keys);
            return;
        }
        if (type instanceof Class<?> record && record.isRecord()) {
            for (RecordComponent component : record.getRecordComponents()) {
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
                if (property != null) {
                    String key = prefix + property.value();
                    keys.add(key);
                    walk(component.getGenericType(), key + ".", keys);
                }
            }
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher match = pattern.matcher(text);
        while (match.find()) {
            found.add(match.group(1));
        }
        return found;
    }

    /** The text of the reference from the heading that names the YAML section to the next such heading. */
    private static String sectionOf(String reference, String section) {
        int start = reference.indexOf("### `" + section + "`");
        assertThat(start).as("configuration.md has a heading ### `%s`", section).isNotNegative();
        int end = reference.indexOf("\n### ", start + 1);
        return reference.substring(start, end < 0 ? reference.length() : end);
    }

    @Test
    void everyPropertyTheCodeReadsIsInTheReferenceTableWithItsDefault() throws IOException {
        String reference = Files.readString(REFERENCE);
        Set<String> keys = propertyKeys();

        assertThat(keys).contains("caravan.port", "caravan.audit.kafka.topic", "caravan.routing.breaker.window");
        List<String> missing = keys.stream()
                .filter(key -> !Pattern.compile("\\| `" + Pattern.quote(key) + "` \\|[^|\\n]*\\S[^|\\n]*\\|")
                        .matcher(reference)
                        .find())
                .toList();
        assertThat(missing)
                .as("properties without a row `| key | default |` in configuration.md")
                .isEmpty();
    }

    @Test
    void everyYamlKeyTheParserAcceptsIsInItsSectionOfTheReference() throws IOException {
        String reference = Files.readString(REFERENCE);
        Map<String, Set<String>> sections = yamlKeys();

        assertThat(sections.keySet()).contains("upstreams", "routes", "prices", "budgets", "guardrails", "keys");
        assertThat(sections.get("routes")).contains("targets.weight", "breaker.openMs");
        List<String> missing = new ArrayList<>();
        sections.forEach((section, keys) -> {
            String text = sectionOf(reference, section);
            for (String key : keys) {
                String leaf = key.substring(key.lastIndexOf('.') + 1);
                if (!Pattern.compile("`[^`\\n]*\\b" + Pattern.quote(leaf) + "\\b[^`\\n]*`")
                        .matcher(text)
                        .find()) {
                    missing.add(section + ": " + key);
                }
            }
        });
        assertThat(missing)
                .as("YAML keys not named in their section of configuration.md")
                .isEmpty();
    }
}
