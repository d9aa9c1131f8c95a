package dev.caravan.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.Gateway;
import dev.caravan.mock.MockUpstream;
import dev.caravan.receipts.ReceiptKeyStore;
import dev.caravan.receipts.ReceiptVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the gateway and the built-in mock upstream on free ports and shows calls going through, offline, with no key. */
public final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public Demo(PrintStream out) {
        this.out = out;
    }

    /** Returns 0 when every step behaved as shown, 1 otherwise. */
    public int run() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("caravan-demo");
        boolean ok;
        try (MockUpstream mock = MockUpstream.start("127.0.0.1", 0);
                Gateway gateway = Gateway.create(
                                Map.of("caravan.port", Integer.toString(port), "caravan.data-dir", data.toString()),
                                Map.of())
                        .start()) {
            String chat = "http://127.0.0.1:" + port + "/v1/chat/completions";
            out.println(
                    "caravan demo: gateway on http://127.0.0.1:" + port + "/v1, mock upstream on " + mock.baseUrl());
            ok = plain(chat, mock) & streamed(chat, mock) & refused(chat);
        }
        ok &= receiptsVerify(data);
        deleteRecursively(data);
        out.println(ok ? "demo finished: every step behaved as shown" : "demo FAILED: a step misbehaved");
        return ok ? 0 : 1;
    }

    /** Once the gateway stopped (its receipt writer flushed), the log verifies against the data directory's keys. */
    private boolean receiptsVerify(Path data) throws IOException {
        Path log;
        try (Stream<Path> files = Files.list(data.resolve("receipts"))) {
            log = files.findFirst().orElseThrow();
        }
        String jwks = JSON.writeValueAsString(ReceiptKeyStore.open(data).jwks());
        ReceiptVerifier.Result result = ReceiptVerifier.fromJwks(jwks).verifyChain(log);
        out.printf("4. signed receipts  -> %s%n", result.message());
        return result.valid() && result.receipts() == 3;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private boolean plain(String chat, MockUpstream mock) throws Exception {
        HttpResponse<String> response = http.send(
                request(
                                chat,
                                mock,
                                "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\","
                                        + "\"content\":\"Hello through Caravan\"}]}")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        out.printf(
                "1. plain call      -> %d, answer \"%s\", %d tokens, decision %s%n",
                response.statusCode(),
                body.path("choices").path(0).path("message").path("content").asText(),
                body.path("usage").path("total_tokens").asInt(),
                response.headers().firstValue("x-caravan-decision-id").orElse("?"));
        return response.statusCode() == 200
                && body.path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText()
                        .startsWith("echo:");
    }

    /** The content text of one streamed event line, or nothing. */
    private static String contentOf(String line) {
        if (!line.startsWith("data: {")) {
            return "";
        }
        try {
            return JSON.readTree(line.substring(6))
                    .path("choices")
                    .path(0)
                    .path("delta")
                    .path("content")
                    .asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private boolean streamed(String chat, MockUpstream mock) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(
                request(
                                chat,
                                mock,
                                "{\"model\":\"mock?chunks=12&chunk_delay_ms=30&leak=secret\","
                                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Stream this\"}]}")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        int events = 0;
        long firstEventMs = -1;
        boolean done = false;
        StringBuilder content = new StringBuilder();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    events++;
                    firstEventMs = firstEventMs < 0 ? (System.nanoTime() - start) / 1_000_000 : firstEventMs;
                    done |= line.equals("data: [DONE]");
                    content.append(contentOf(line));
                }
            }
        }
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        out.printf(
                "2. streamed call   -> %d, %d events governed as they streamed (first after %d ms, last after %d ms), [DONE] %s%n",
                response.statusCode(), events, firstEventMs, totalMs, done ? "received" : "MISSING");
        boolean masked = content.indexOf("[REDACTED:secret]") >= 0 && content.indexOf("sk-") < 0;
        out.printf(
                "                      the key the model leaked arrived as %s%n",
                masked ? "[REDACTED:secret]" : "UNMASKED (failure)");
        return response.statusCode() == 200 && done && events >= 6 && firstEventMs < totalMs / 2 && masked;
    }

    private boolean refused(String chat) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(chat))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer sk-demo-not-a-real-key")
                        .header("x-caravan-upstream", "http://169.254.169.254/v1")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\",\"messages\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String code = JSON.readTree(response.body()).path("error").path("code").asText();
        out.printf(
                "3. metadata upstream -> %d %s: the cloud metadata address is never called%n",
                response.statusCode(), code);
        return response.statusCode() == 400 && code.equals("upstream_not_allowed");
    }

    private static HttpRequest.Builder request(String chat, MockUpstream mock, String body) {
        return HttpRequest.newBuilder(URI.create(chat))
                .header("content-type", "application/json")
                .header("authorization", "Bearer sk-demo-not-a-real-key")
                .header("x-caravan-upstream", mock.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
