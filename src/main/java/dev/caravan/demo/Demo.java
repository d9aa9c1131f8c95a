package dev.caravan.demo;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.caravan.Gateway;
import dev.caravan.mock.MockUpstream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs the gateway and the built-in mock upstream on free ports, configured from a generated file in a temporary data
 * directory, and tells the story of five calls made with the OpenAI Java SDK: offline, with no key.
 */
public final class Demo {
    /** The route alias whose first target fails, generated into the demo's own config file. */
    static final String FAILOVER_ALIAS = "demo/failover";

    private final PrintStream out;
    private final String extraConfig;

    public Demo(PrintStream out) {
        this(out, "");
    }

    /** A demo whose generated config file ends with {@code extraConfig} (tests use it to make a step misbehave). */
    Demo(PrintStream out, String extraConfig) {
        this.out = out;
        this.extraConfig = extraConfig;
    }

    /** Returns 0 when every step behaved as shown, 1 otherwise (the failing step says why). */
    public int run() throws Exception {
        long start = System.nanoTime();
        Path data = Files.createTempDirectory("caravan-demo");
        boolean ok;
        try (MockUpstream mock = MockUpstream.start("127.0.0.1", 0)) {
            int port = freePort();
            Path config = Files.writeString(data.resolve("caravan.yaml"), config(mock) + extraConfig);
            try (Gateway gateway = Gateway.create(
                            Map.of(
                                    "caravan.port", Integer.toString(port),
                                    "caravan.data-dir", data.toString(),
                                    "caravan.config", config.toString(),
                                    "caravan.config.reload-ms", "0"),
                            Map.of())
                    .start()) {
                String root = "http://127.0.0.1:" + port;
                out.printf(
                        "caravan demo: gateway on %s/v1, mock model on %s, config and data in %s%n",
                        root, mock.baseUrl(), data);
                String runId = "demo-" + UUID.randomUUID();
                OpenAIClient client = OpenAIOkHttpClient.builder()
                        .baseUrl(root + "/v1")
                        .apiKey("sk-demo-not-a-real-key")
                        .putHeader("x-caravan-upstream", mock.baseUrl())
                        .putHeader("x-caravan-run-id", runId)
                        .maxRetries(0)
                        .build();
                try {
                    ok = new DemoSteps(out, client, mock, root).runAll(runId);
                } finally {
                    client.close();
                }
            }
        } finally {
            deleteRecursively(data);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(
                ok
                        ? String.format(Locale.ROOT, "demo finished in %.1f s: every step behaved as shown", seconds)
                        : "demo FAILED: a step misbehaved (see the line marked FAILED)");
        return ok ? 0 : 1;
    }

    /** A route alias whose first target is the mock told to answer 503, and whose second is the mock itself. */
    static String config(MockUpstream mock) {
        return """
                # Written by `caravan demo`: one route alias that fails over.
                routes:
                  - alias: %s
                    strategy: failover
                    targets:
                      - upstream: %s
                        model: gpt-4o-mini?status=503
                      - upstream: %s
                        model: gpt-4o-mini
                """
                .formatted(FAILOVER_ALIAS, mock.baseUrl(), mock.baseUrl());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
