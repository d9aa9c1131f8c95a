package dev.caravan.bench;

import dev.caravan.call.CallRecord;
import dev.caravan.providers.openai.ChatRequest;
import dev.caravan.spend.Budget;
import dev.caravan.spend.BudgetBook;
import dev.caravan.spend.Metering;
import dev.caravan.spend.Price;
import dev.caravan.spend.PriceTable;
import dev.caravan.spend.WorstCase;
import dev.caravan.support.SampleCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The spend work on one call's path, run by bench/spend.sh: price lookup and worst-case estimate of a 1 KB prompt,
 * the budget reservation, and at the end the metering and the settlement.
 */
@State(Scope.Benchmark)
public class SpendBench {
    private PriceTable prices;
    private ChatRequest request;
    private BudgetBook book;
    private List<Budget> applying;
    private CallRecord record;

    @Setup
    public void setUp() {
        prices = PriceTable.bundled();
        String prompt = "Summarise the quarterly report for the finance team. ".repeat(20);
        request = ChatRequest.parse(("{\"model\":\"gpt-4o-mini\",\"max_tokens\":256,\"messages\":["
                        + "{\"role\":\"system\",\"content\":\"You are a careful analyst.\"},"
                        + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        // a budget that never runs out, so every iteration reserves and settles
        book = new BudgetBook(
                List.of(new Budget(Budget.Scope.WORKSPACE, "team-a", Budget.Period.MONTHLY, Long.MAX_VALUE / 4, null)),
                Clock.systemUTC());
        applying = book.applying("team-a", null);
        record = SampleCalls.completedCall();
    }

    @Benchmark
    public long reserveMeterAndSettle() {
        Price price = prices.find(request.model()).orElseThrow();
        long worst = WorstCase.micros(price, request, 4096);
        BudgetBook.Reservation reservation = (BudgetBook.Reservation) book.reserve(applying, worst);
        Metering.meter(record, prices);
        book.close(reservation, record.costMicros(), applying);
        return worst;
    }
}
