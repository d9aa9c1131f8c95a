package dev.caravan.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Reads one signed line back from a receipt log: at a known place, or by scanning for its decision id. */
final class ReceiptLookup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReceiptLookup() {}

    static Optional<String> at(Path file, RecentReceipts.Location location) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(location.length());
            int read;
            do {
                read = channel.read(bytes, location.offset() + bytes.position());
            } while (read >= 0 && bytes.hasRemaining());
            return Optional.of(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the receipt log " + file, e);
        }
    }

    static Optional<String> scan(Path file, String decisionId) {
        String quoted = "\"" + decisionId + "\"";
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains(quoted) && decisionId.equals(decisionIdOf(line))) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the receipt log " + file, e);
        }
    }

    private static String decisionIdOf(String line) {
        try {
            JsonNode id = JSON.readTree(line).path("payload").path(Facts.DECISION_ID);
            return id.isTextual() ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
