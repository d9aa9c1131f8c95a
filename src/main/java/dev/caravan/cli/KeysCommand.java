package dev.caravan.cli;

import dev.caravan.keys.KeyHash;
import dev.caravan.keys.NewKey;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: gateway key management; {@code keys create} prints a new key once and the entry for the config file. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Gateway keys (cvn_…).",
        subcommands = KeysCommand.Create.class)
public final class KeysCommand implements Callable<Integer> {
    private static final int BAD_USAGE = 2;

    @Spec
    CommandSpec spec;

    /** {@code keys} alone names no action: bad usage, with the list of subcommands. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("caravan keys: name a subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_USAGE;
    }

    /** {@code keys create --workspace W}: the key is shown only here; the config file holds its hash. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Print a new gateway key once, and the lines to add under 'keys:' in the config file.")
    static final class Create implements Callable<Integer> {
        private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

        @Spec
        CommandSpec spec;

        @Option(names = "--workspace", required = true, description = "the workspace the key belongs to")
        String workspace;

        @Override
        public Integer call() {
            if (!WORKSPACE.matcher(workspace).matches()) {
                spec.commandLine()
                        .getErr()
                        .println("caravan keys create: --workspace takes letters, digits, '.', '_', '-' and '/' only");
                return BAD_USAGE;
            }
            String key = NewKey.create(new SecureRandom());
            String hash = KeyHash.of(key);
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                    "new gateway key for workspace " + workspace + " (shown once; the gateway keeps only its hash):");
            out.println();
            out.println("  " + key);
            out.println();
            out.println("add under 'keys:' in the config file (key id " + KeyHash.id(hash) + "):");
            out.println();
            out.println("  - hash: " + hash);
            out.println("    workspace: " + workspace);
            out.flush();
            return 0;
        }
    }
}
