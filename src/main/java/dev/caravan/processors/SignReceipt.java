package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.call.Sha256;
import dev.caravan.receipts.CallReceipts;
import dev.caravan.routes.Vars;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs the receipt of a call answered in one piece (allowed, refused or failed upstream) over the exact bytes
 * returned, and names it in {@code x-caravan-receipt}. Streams sign at their end; requests refused at the door
 * (unparsed, unknown path, too large, no key) get none.
 */
public final class SignReceipt implements Processor {
    static final String HEADER = "x-caravan-receipt";

    private final CallReceipts receipts;

    public SignReceipt(CallReceipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public void process(Exchange exchange) {
        CallRecord record = Vars.callRecord(exchange);
        if (record == null || Vars.streaming(exchange) || Vars.request(exchange) == null || atTheDoor(record)) {
            return;
        }
        Message out = exchange.getMessage();
        byte[] body = out.getBody(byte[].class);
        record.responseHashed(Sha256.hex(body == null ? new byte[0] : body));
        out.setHeader(HEADER, receipts.issue(record).header());
    }

    private static boolean atTheDoor(CallRecord record) {
        Integer status = record.status();
        return status != null && status == 401;
    }
}
