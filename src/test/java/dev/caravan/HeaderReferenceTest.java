package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/api.md names every X-Caravan-* header (and X-Provider-Key) that the code reads or writes. */
class HeaderReferenceTest {
    private static final Pattern HEADER_IN_CODE = Pattern.compile("\"((?i:x-caravan-[a-z-]*|x-provider-key))\"");
    private static final Pattern HEADER_IN_DOC =
            Pattern.compile("^\\| `((?i:x-caravan-[a-z-]*|x-provider-key))(<name>)?`", Pattern.MULTILINE);

    private static Set<String> headersInCode() throws IOException {
        Set<String> headers = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher header = HEADER_IN_CODE.matcher(Files.readString(source));
                while (header.find()) {
                    headers.add(header.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return headers;
    }

    private static Set<String> headersInDoc() throws IOException {
        Set<String> headers = new TreeSet<>();
        Matcher row = HEADER_IN_DOC.matcher(Files.readString(Path.of("docs", "api.md")));
        while (row.find()) {
            headers.add(row.group(1).toLowerCase(Locale.ROOT));
        }
        return headers;
    }

    @Test
    void everyCaravanHeaderInTheCodeHasARowInTheHeaderTables() throws IOException {
        Set<String> code = headersInCode();
        Set<String> doc = headersInDoc();

        assertThat(code).contains("x-caravan-decision-id", "x-caravan-key", "x-caravan-metadata-");
        List<String> missing = code.stream().filter(h -> !doc.contains(h)).toList();
        assertThat(missing)
                .as("headers used in src/main/java without a row in docs/api.md")
                .isEmpty();
    }
}
