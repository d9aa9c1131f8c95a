package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The code the docs show is the code the tests compile and run: each marked block is a test source file, verbatim. */
class DocExamplesTest {
    private static final Pattern MARKED_BLOCK =
            Pattern.compile("<!-- verbatim: (\\S+) -->\\R```\\w*\\R(.*?)```", Pattern.DOTALL);

    private static List<String[]> markedBlocks(Path doc) throws IOException {
        List<String[]> blocks = new ArrayList<>();
        Matcher block = MARKED_BLOCK.matcher(Files.readString(doc));
        while (block.find()) {
            blocks.add(new String[] {block.group(1), block.group(2)});
        }
        return blocks;
    }

    @Test
    void everyMarkedBlockOfTheExtendingPageIsItsTestSourceVerbatim() throws IOException {
        List<String[]> blocks = markedBlocks(Path.of("docs", "extending.md"));

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        for (String[] block : blocks) {
            assertThat(block[1]).as(block[0]).isEqualTo(Files.readString(Path.of(block[0])));
        }
    }

    @Test
    void everyMarkedBlockOfTheGettingStartedPageIsItsTestSourceVerbatim() throws IOException {
        for (String[] block : markedBlocks(Path.of("docs", "getting-started.md"))) {
            assertThat(block[1]).as(block[0]).isEqualTo(Files.readString(Path.of(block[0])));
        }
    }
}
