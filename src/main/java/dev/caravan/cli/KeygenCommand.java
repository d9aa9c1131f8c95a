package dev.caravan.cli;

import dev.caravan.receipts.ReceiptKey;
import dev.caravan.receipts.ReceiptKeyStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keygen}: writes a new receipt signing key, which signs from the next start; old public keys stay listed. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Write a new receipt signing key (rotation).")
public final class KeygenCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            defaultValue = "${env:CARAVAN_DATA_DIR:-caravan-data}",
            description = "data directory (default ./caravan-data; env CARAVAN_DATA_DIR)")
    Path dataDir;

    @Override
    public Integer call() {
        ReceiptKey key = ReceiptKeyStore.open(dataDir).rotate();
        System.out.println("new receipt signing key " + key.kid() + " in "
                + dataDir.resolve("keys").toAbsolutePath());
        System.out.println("earlier public keys stay in the JWKS, so their receipts still verify");
        return 0;
    }
}
