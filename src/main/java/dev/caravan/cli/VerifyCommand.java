package dev.caravan.cli;

import dev.caravan.receipts.ReceiptKey;
import dev.caravan.receipts.ReceiptVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify}: checks a receipt log (or one receipt) offline against the receipt public keys. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify a receipt log: every signature, link, gap and order. Exit 0 when valid, 1 when not.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RECEIPTS.jsonl", description = "the receipt log")
    Path log;

    @Option(
            names = "--jwks",
            paramLabel = "FILE|URL",
            description = "public keys (default: the keys of the data directory the log sits in)")
    String jwks;

    @Option(names = "--receipt", paramLabel = "JSON", description = "verify one receipt line instead of a log")
    String receipt;

    @Override
    public Integer call() throws Exception {
        if ((log == null) == (receipt == null)) {
            System.err.println("caravan verify: give a receipt log, or --receipt JSON");
            return 2;
        }
        ReceiptVerifier verifier;
        try {
            verifier = verifier();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("caravan verify: " + e.getMessage());
            return 2;
        }
        ReceiptVerifier.Result result = log != null ? verifier.verifyChain(log) : verifier.verifyOne(receipt);
        System.out.println(result.message());
        return result.valid() ? 0 : 1;
    }

    private ReceiptVerifier verifier() throws IOException, InterruptedException {
        if (jwks == null) {
            return new ReceiptVerifier(dataDirKeys());
        }
        if (jwks.startsWith("http://") || jwks.startsWith("https://")) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(jwks))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("fetching " + jwks + " answered " + response.statusCode());
            }
            return ReceiptVerifier.fromJwks(response.body());
        }
        return ReceiptVerifier.fromJwks(Files.readString(Path.of(jwks)));
    }

    /** The public keys beside the log ({@code <data>/keys/*.pub.pem}), read without creating anything. */
    private Map<String, byte[]> dataDirKeys() throws IOException {
        Path keysDir = log == null ? null : log.toAbsolutePath().getParent().resolveSibling("keys");
        if (keysDir == null || !Files.isDirectory(keysDir)) {
            throw new IllegalArgumentException("no keys beside the log; pass --jwks FILE|URL");
        }
        Map<String, byte[]> keys = new HashMap<>();
        try (Stream<Path> files = Files.list(keysDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pub.pem"))
                    .toList()) {
                byte[] publicKey = ReceiptKey.publicKeyFromPem(Files.readString(file));
                keys.put(ReceiptKey.thumbprint(publicKey), publicKey);
            }
        }
        return keys;
    }
}
