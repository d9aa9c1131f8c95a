package dev.caravan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fat JAR as an operator runs it: its command line, its refusals, and a graceful SIGTERM. */
class JarIT {
    static final Path JAR = Path.of("target", "caravan.jar");

    static Process launch(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static String run(int expectedExit, String... args) throws Exception {
        Path log = Files.createTempFile("caravan-jar", ".log");
        Process process = launch(log, args);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }

    @Test
    void helpListsTheServeOptionsAndExitsZero() throws Exception {
        String help = run(0, "--help");

        assertThat(help).contains("--host", "--port", "--config", "--data-dir", "--allow-open", "serve");
    }

    @Test
    void theDemoRunsFromTheJarOfflineAndExitsZeroWithEveryStepShown() throws Exception {
        String demo = run(0, "demo");

        assertThat(demo)
                .contains("1. blocked", "2. masked", "receipt verified", "4. failed over", "5. spend")
                .contains("every step behaved as shown")
                .doesNotContain("FAILED")
                .doesNotContain(" INFO ");
    }

    @Test
    void aNonLoopbackBindWithoutAllowOpenIsRefusedWithExitTwo() throws Exception {
        String output = run(
                2,
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                Integer.toString(TestGateway.freePort()),
                "--data-dir",
                Files.createTempDirectory("caravan-it").toString());

        assertThat(output).contains("refusing to listen on 0.0.0.0").contains("--allow-open");
    }

    @Test
    void aBadConfigFileStopsTheBootNamingItsLine() throws Exception {
        Path config = Files.createTempFile("caravan", ".yaml");
        Files.writeString(config, "upstreams:\n  openai:\n    baseUrl: http://127.0.0.1:1/v1\nroutez: []\n");

        String output = run(
                2,
                "--config",
                config.toString(),
                "--port",
                Integer.toString(TestGateway.freePort()),
                "--data-dir",
                Files.createTempDirectory("caravan-it").toString());

        assertThat(output).contains("line 4").contains("routez");
    }

    @Test
    void sigtermLetsACallInFlightFinishThenStops() throws Exception {
        try (MockUpstream mock = MockUpstream.start("127.0.0.1", 0)) {
            int port = TestGateway.freePort();
            Path log = Files.createTempFile("caravan-jar", ".log");
            Path data = Files.createTempDirectory("caravan-it");
            Process gateway = launch(log, "serve", "--port", Integer.toString(port), "--data-dir", data.toString());
            String url = "http://127.0.0.1:" + port + "/v1/chat/completions";
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> Http.send(Http.post(url, "{}").build()).statusCode() == 400);

            CompletableFuture<HttpResponse<String>> slow = Http.client()
                    .sendAsync(
                            Http.post(url, Http.chat("mock?delay_ms=1500", false))
                                    .header("authorization", "Bearer sk-sigterm")
                                    .header("x-caravan-upstream", mock.baseUrl())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> mock.received().size() == 1);
            gateway.destroy();

            assertThat(slow.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("waiting up to").doesNotContain("sk-sigterm");
        }
    }

    @Test
    void sigtermLetsAStreamInFlightFinishThenStops() throws Exception {
        try (MockUpstream mock = MockUpstream.start("127.0.0.1", 0)) {
            int port = TestGateway.freePort();
            Path log = Files.createTempFile("caravan-jar", ".log");
            Process gateway = launch(
                    log,
                    "serve",
                    "--port",
                    Integer.toString(port),
                    "--data-dir",
                    Files.createTempDirectory("caravan-it").toString());
            String url = "http://127.0.0.1:" + port + "/v1/chat/completions";
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> Http.send(Http.post(url, "{}").build()).statusCode() == 400);

            CompletableFuture<HttpResponse<String>> stream = Http.client()
                    .sendAsync(
                            Http.post(url, Http.chat("mock?chunks=15&chunk_delay_ms=100", true))
                                    .header("authorization", "Bearer sk-sigterm-stream")
                                    .header("x-caravan-upstream", mock.baseUrl())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> mock.received().size() == 1);
            gateway.destroy();

            HttpResponse<String> response = stream.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("data: [DONE]").doesNotContain("\"error\"");
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(mock.completedStreams()).isEqualTo(1);
        }
    }

    @Test
    void killDashNineUnderLoadLeavesAChainThatVerifiesAfterARestart() throws Exception {
        try (MockUpstream mock = MockUpstream.start("127.0.0.1", 0)) {
            Path data = Files.createTempDirectory("caravan-it");
            int port = TestGateway.freePort();
            String url = "http://127.0.0.1:" + port + "/v1/chat/completions";
            Process first = startAndAwait(data, port, url);
            List<CompletableFuture<HttpResponse<String>>> load = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                load.add(Http.client()
                        .sendAsync(call(url, mock, "mock?delay_ms=" + (i % 20)), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> mock.received().size() >= 100);
            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();

            Process second = startAndAwait(data, port, url);
            for (int i = 0; i < 5; i++) {
                assertThat(Http.send(call(url, mock, "mock")).statusCode()).isEqualTo(200);
            }
            second.destroy();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Path log;
            try (var files = Files.list(data.resolve("receipts"))) {
                log = files.filter(f -> f.toString().endsWith(".jsonl"))
                        .findFirst()
                        .orElseThrow();
            }
            String verified = run(0, "verify", log.toString());
            assertThat(verified).containsPattern("receipt chain valid \\(\\d+ receipts, key [A-Za-z0-9_-]{8}\\)");

            List<String> lines = new ArrayList<>(Files.readAllLines(log));
            lines.set(2, lines.get(2).replaceFirst("\"status\":(\\d)", "\"status\":9"));
            Files.write(log, lines);
            assertThat(run(1, "verify", log.toString())).contains("line 3: bad signature");
        }
    }

    static Process startAndAwait(Path data, int port, String url) throws Exception {
        Process gateway = launch(
                Files.createTempFile("caravan-jar", ".log"),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                data.toString());
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> Http.send(Http.post(url, "{}").build()).statusCode() == 400);
        return gateway;
    }

    static java.net.http.HttpRequest call(String url, MockUpstream mock, String model) {
        return Http.post(url, Http.chat(model, false))
                .header("authorization", "Bearer sk-crash-test")
                .header("x-caravan-upstream", mock.baseUrl())
                .build();
    }
}
