package dev.caravan.support;

import dev.caravan.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real gateway on a free loopback port, with its own data directory, for one test class. */
public final class TestGateway implements AutoCloseable {
    private final Gateway gateway;
    private final int port;
    private final Path dataDir;

    private TestGateway(Gateway gateway, int port, Path dataDir) {
        this.gateway = gateway;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static TestGateway start() {
        return start(Map.of(), Map.of());
    }

    public static TestGateway start(Map<String, String> properties, Map<String, String> environment) {
        return start(properties, environment, Map.of());
    }

    /** A gateway with extra beans in its registry (an integration team's own guardrails, for instance). */
    public static TestGateway start(
            Map<String, String> properties, Map<String, String> environment, Map<String, Object> beans) {
        try {
            int port = freePort();
            Path dataDir = properties.containsKey("caravan.data-dir")
                    ? Path.of(properties.get("caravan.data-dir"))
                    : Files.createTempDirectory("caravan-test-data");
            Map<String, String> overrides = new HashMap<>(properties);
            overrides.put("caravan.port", Integer.toString(port));
            overrides.put("caravan.data-dir", dataDir.toString());
            Gateway gateway = Gateway.create(overrides, environment);
            beans.forEach(gateway::bind);
            return new TestGateway(gateway.start(), port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The root URL, e.g. http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The OpenAI SDK base URL. */
    public String openAiBaseUrl() {
        return url() + "/v1";
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Every regular file below {@code dir} (none when it does not exist), to scan for what must never be stored. */
    public static java.util.List<Path> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
