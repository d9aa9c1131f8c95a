package dev.caravan.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where a receipt log ends: the last valid line's seq and hash, and the length of the file up to it. */
record ChainTail(long length, long seq, String hash) {
    /** The {@code prev} of the first receipt of a chain. */
    static final String FIRST_PREV = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BLOCK = 8192;

    /** Reads back from the end past a torn last line (no newline, or not a receipt), which the caller cuts off. */
    static ChainTail find(FileChannel file) throws IOException {
        long size = file.size();
        long end = size;
        if (size > 0 && byteAt(file, size - 1) != '\n') {
            end = lineStart(file, size);
        }
        while (end > 0) {
            long start = lineStart(file, end - 1);
            byte[] line = read(file, start, (int) (end - 1 - start));
            long seq = seqOf(line);
            if (seq > 0) {
                return new ChainTail(end, seq, Sha256.hex(line));
            }
            end = start;
        }
        return new ChainTail(0, 0, FIRST_PREV);
    }

    private static long seqOf(byte[] line) {
        try {
            JsonNode seq = JSON.readTree(line).path("payload").path("seq");
            return seq.canConvertToExactIntegral() && seq.canConvertToLong() ? seq.asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The offset just after the last newline before {@code end}, or 0. */
    private static long lineStart(FileChannel file, long end) throws IOException {
        long position = end;
        while (position > 0) {
            int length = (int) Math.min(BLOCK, position);
            byte[] block = read(file, position - length, length);
            for (int i = length - 1; i >= 0; i--) {
                if (block[i] == '\n') {
                    return position - length + i + 1;
                }
            }
            position -= length;
        }
        return 0;
    }

    private static byte byteAt(FileChannel file, long position) throws IOException {
        return read(file, position, 1)[0];
    }

    private static byte[] read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the receipt log shrank while it was being read");
            }
        }
        return buffer.array();
    }
}
