package dev.caravan.receipts;

import dev.caravan.call.CallRecord;

/** Issues the signed receipt of a completed call and notes its number in the call's record. */
public final class CallReceipts {
    private final ReceiptChain chain;
    private final boolean waitForDisk;

    /** With {@code waitForDisk}, a call's answer waits until its receipt is written and fsynced. */
    public CallReceipts(ReceiptChain chain, boolean waitForDisk) {
        this.chain = chain;
        this.waitForDisk = waitForDisk;
    }

    /** Whether issuing a receipt waits for the disk (then it must not run on an event loop). */
    public boolean waitsForDisk() {
        return waitForDisk;
    }

    /** Issues the receipt; the caller has already recorded the call's status, usage and response hash. */
    public ReceiptChain.Issued issue(CallRecord record) {
        ReceiptChain.Issued issued = chain.issue(record.receiptFacts());
        record.receipted(issued.header());
        if (waitForDisk) {
            chain.flush();
        }
        return issued;
    }
}
