package dev.caravan.receipts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a receipt log as exact line bytes (without the newline); a last line without a newline is still a line. */
final class LogLines {
    /** Sees each line with its 1-based number and the byte offset just after it; returns false to stop. */
    interface Visitor {
        boolean line(byte[] bytes, int number, long end) throws IOException;
    }

    private LogLines() {}

    static void read(Path file, long from, Visitor visitor) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream(2048);
            long offset = from;
            int number = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        if (!visitor.line(line.toByteArray(), ++number, offset + i + 1)) {
                            return;
                        }
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(buffer, start, n - start);
                offset += n;
            }
            if (line.size() > 0) {
                visitor.line(line.toByteArray(), ++number, offset);
            }
        }
    }
}
