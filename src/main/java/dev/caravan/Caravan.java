package dev.caravan;

import dev.caravan.cli.KeygenCommand;
import dev.caravan.cli.KeysCommand;
import dev.caravan.cli.VerifyCommand;
import dev.caravan.config.ConfigException;
import dev.caravan.mock.MockUpstream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line: {@code serve} (the default), {@code demo}, {@code verify}, {@code keygen}, {@code keys}, {@code mock}. */
@Command(
        name = "caravan",
        mixinStandardHelpOptions = true,
        version = "caravan 0.1.0",
        description = "An AI gateway built as Apache Camel routes. With no command, runs 'serve'.",
        subcommands = {
            Caravan.Serve.class,
            Caravan.Demo.class,
            VerifyCommand.class,
            KeygenCommand.class,
            KeysCommand.class,
            Caravan.Mock.class
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:ok", "1:runtime failure", "2:bad usage or bad configuration"})
public final class Caravan implements Callable<Integer> {
    static final int RUNTIME_FAILURE = 1;
    static final int BAD_USAGE = 2;

    @Mixin
    ServeOptions options;

    public static void main(String[] args) {
        switchOnVirtualThreads();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Caravan())
                .setExitCodeExceptionMapper(
                        e -> e instanceof ConfigException || e instanceof CommandLine.ParameterException
                                ? BAD_USAGE
                                : RUNTIME_FAILURE);
    }

    /** On Java 21+ Camel's own thread pools become virtual too; Caravan's call workers are virtual there regardless. */
    static void switchOnVirtualThreads() {
        if (Runtime.version().feature() >= 21 && System.getProperty("camel.threads.virtual.enabled") == null) {
            System.setProperty("camel.threads.virtual.enabled", "true");
        }
    }

    @Override
    public Integer call() throws Exception {
        return serve(options);
    }

    static int serve(ServeOptions options) throws Exception {
        try (Gateway gateway = Gateway.create(options.overrides(), System.getenv())) {
            return gateway.runUntilStopped();
        } catch (ConfigException e) {
            System.err.println("caravan: " + e.getMessage());
            return BAD_USAGE;
        } catch (RuntimeException e) {
            ConfigException config = configCause(e);
            if (config != null) {
                System.err.println("caravan: " + config.getMessage());
                return BAD_USAGE;
            }
            throw e;
        }
    }

    private static ConfigException configCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException config) {
                return config;
            }
        }
        return null;
    }

    /** Options of {@code serve}, also accepted with no command. */
    static final class ServeOptions {
        @Option(
                names = "--host",
                defaultValue = "${env:CARAVAN_HOST}",
                description = "address to listen on (default 127.0.0.1; env CARAVAN_HOST)")
        String host;

        @Option(
                names = "--port",
                defaultValue = "${env:CARAVAN_PORT}",
                description = "port to listen on (default 8787; env CARAVAN_PORT)")
        Integer port;

        @Option(
                names = "--config",
                defaultValue = "${env:CARAVAN_CONFIG}",
                description = "YAML configuration file (env CARAVAN_CONFIG)")
        Path config;

        @Option(
                names = "--data-dir",
                defaultValue = "${env:CARAVAN_DATA_DIR}",
                description = "data directory (default ./caravan-data; env CARAVAN_DATA_DIR)")
        Path dataDir;

        @Option(
                names = "--allow-open",
                defaultValue = "${env:CARAVAN_ALLOW_OPEN:-false}",
                description = "allow a non-loopback address without gateway keys (env CARAVAN_ALLOW_OPEN)")
        boolean allowOpen;

        Map<String, String> overrides() {
            Map<String, String> overrides = new HashMap<>();
            if (host != null) {
                overrides.put("caravan.host", host);
            }
            if (port != null) {
                overrides.put("caravan.port", port.toString());
            }
            if (config != null) {
                overrides.put("caravan.config", config.toString());
            }
            if (dataDir != null) {
                overrides.put("caravan.data-dir", dataDir.toString());
            }
            if (allowOpen) {
                overrides.put("caravan.allow-open", "true");
            }
            return overrides;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway until SIGTERM.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ServeOptions options;

        @Override
        public Integer call() throws Exception {
            return serve(options);
        }
    }

    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description =
                    "Start the gateway and the built-in mock upstream on free ports and show, with the OpenAI Java SDK,"
                            + " a call blocked, a secret masked, a receipt verified, a failover and the spend (offline,"
                            + " no key; exit 0 when every step behaved).")
    static final class Demo implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            // The story is the demo's own lines; the gateway's start-up log would bury them (CARAVAN_LOG_LEVEL wins).
            if (System.getenv("CARAVAN_LOG_LEVEL") == null && System.getProperty("CARAVAN_LOG_LEVEL") == null) {
                System.setProperty("CARAVAN_LOG_LEVEL", "WARN");
            }
            return new dev.caravan.demo.Demo(System.out).run();
        }
    }

    @Command(
            name = "mock",
            mixinStandardHelpOptions = true,
            description = "Run the built-in OpenAI-compatible mock upstream (for demos, tests and benchmarks).")
    static final class Mock implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on")
        String host;

        @Option(names = "--port", defaultValue = "0", description = "port to listen on (0: any free port)")
        int port;

        @Override
        public Integer call() throws Exception {
            try (MockUpstream mock = MockUpstream.start(host, port)) {
                System.out.println("mock upstream listening on " + mock.baseUrl());
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }
}
