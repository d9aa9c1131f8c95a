package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.keys.KeyHash;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code keys create} prints a new key once, and the entry that holds only its hash. */
class KeysCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = Caravan.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void createPrintsAKeyAndTheHashAndWorkspaceLinesForTheConfig() {
        assertThat(run("keys", "create", "--workspace", "payments")).isZero();

        List<String> lines = out.toString().lines().map(String::trim).toList();
        String key =
                lines.stream().filter(l -> l.startsWith("cvn_")).findFirst().orElseThrow();
        assertThat(key).matches("cvn_[0-9A-Za-z]{43}");
        assertThat(lines).contains("- hash: " + KeyHash.of(key), "workspace: payments");
        assertThat(out.toString()).contains("key id " + KeyHash.id(KeyHash.of(key)));
    }

    @Test
    void everyCreateMakesADifferentKey() {
        run("keys", "create", "--workspace", "a");
        run("keys", "create", "--workspace", "a");

        assertThat(out.toString()
                        .lines()
                        .map(String::trim)
                        .filter(l -> l.startsWith("cvn_"))
                        .distinct())
                .hasSize(2);
    }

    @Test
    void aWorkspaceThatWouldBreakTheYamlIsBadUsage() {
        assertThat(run("keys", "create", "--workspace", "a: b")).isEqualTo(2);
        assertThat(run("keys", "create")).isEqualTo(2);
        assertThat(out.toString()).doesNotContain("cvn_");
    }

    @Test
    void keysWithoutASubcommandIsBadUsage() {
        assertThat(run("keys")).isEqualTo(2);
        assertThat(err.toString()).contains("create");
    }
}
