package dev.caravan.receipts;

import dev.caravan.call.Sha256;
import java.io.IOException;
import java.nio.file.Path;

/** Walks a log line by line: each receipt must verify, follow its predecessor's number and hash its exact bytes. */
final class ChainCheck {
    private final ReceiptVerifier verifier;
    private final Path file;
    private int receipts;
    private String firstKid;
    private long expected = 1;
    private String prev = ChainTail.FIRST_PREV;
    private ReceiptVerifier.Result failure;

    ChainCheck(ReceiptVerifier verifier, Path file) {
        this.verifier = verifier;
        this.file = file;
    }

    boolean line(byte[] bytes, int number, long end) throws IOException {
        LineCheck line = verifier.check(bytes);
        if (line.reason() != null) {
            return fail(number, line.reason());
        }
        if (number == 1) {
            firstKid = line.kid();
        }
        if (line.seq() < expected) {
            return fail(number, "reordered");
        }
        if (line.seq() > expected) {
            // a number that turns up further down was moved, not lost
            return fail(number, appearsAfter(end, expected) ? "reordered" : "gap");
        }
        if (!line.prev().equals(prev)) {
            return fail(number, "broken link");
        }
        prev = Sha256.hex(bytes);
        expected++;
        receipts++;
        return true;
    }

    int receipts() {
        return receipts;
    }

    String firstKid() {
        return firstKid;
    }

    ReceiptVerifier.Result result() {
        return failure != null ? failure : new ReceiptVerifier.Result(true, receipts, firstKid, 0, null);
    }

    private boolean fail(int number, String reason) {
        failure = new ReceiptVerifier.Result(false, receipts, firstKid, number, reason);
        return false;
    }

    private boolean appearsAfter(long offset, long seq) throws IOException {
        boolean[] found = {false};
        LogLines.read(file, offset, (bytes, number, end) -> {
            LineCheck line = LineCheck.parse(bytes);
            found[0] = line.reason() == null && line.seq() == seq;
            return !found[0];
        });
        return found[0];
    }
}
