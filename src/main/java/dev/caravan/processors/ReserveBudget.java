package dev.caravan.processors;

import dev.caravan.call.CallRecord;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.routes.Vars;
import dev.caravan.routing.Target;
import dev.caravan.spend.Budget;
import dev.caravan.spend.BudgetBook;
import dev.caravan.spend.Price;
import dev.caravan.spend.PriceTable;
import dev.caravan.spend.WorstCase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Reserves the call's worst-case cost on every budget of its workspace and key before it goes upstream: refuses a call
 * that would break a hard limit (429, the model never called) or an unpriced one under a hard limit (403, unless the
 * gateway key has {@code allowUnpriced}). A call
 * answered in one piece settles when its exchange completes; a stream settles as its relay ends.
 */
public final class ReserveBudget implements Processor {
    private final BudgetBook book;
    private final Supplier<PriceTable> prices;
    private final long defaultMaxTokens;

    public ReserveBudget(BudgetBook book, Supplier<PriceTable> prices, long defaultMaxTokens) {
        this.book = book;
        this.prices = prices;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    @Override
    public void process(Exchange exchange) {
        CallRecord record = Vars.callRecord(exchange);
        List<Budget> applying = book.applying(record.workspace(), record.keyId());
        if (applying.isEmpty() || Vars.cacheHit(exchange)) {
            return;
        }
        boolean hard = applying.stream().anyMatch(b -> b.hardMicros() != null);
        GatewayKey key = Vars.gatewayKey(exchange);
        boolean unpricedAllowed = key != null && key.allowUnpriced();
        long worst = 0;
        for (Target target : Vars.plan(exchange)) {
            Optional<Price> price = prices.get().find(target.model());
            if (price.isEmpty() && hard && !unpricedAllowed) {
                throw new GatewayException(
                        ApiError.UNPRICED_MODEL,
                        "model '" + target.model() + "' has no price, and a hard budget applies to this call;"
                                + " add it to the config file's prices section");
            }
            if (price.isPresent()) {
                worst = Math.max(worst, WorstCase.micros(price.get(), Vars.request(exchange), defaultMaxTokens));
            }
        }
        BudgetBook.Result result = book.reserve(applying, worst);
        if (result instanceof BudgetBook.Refusal refusal) {
            throw refused(refusal);
        }
        BudgetBook.Reservation reservation = (BudgetBook.Reservation) result;
        exchange.setVariable(Vars.RESERVATION, new Vars.Reserved(book, reservation, applying));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (!Vars.streaming(done)) {
                    record.budgetAlerts(book.close(reservation, record.costMicros(), applying));
                }
            }
        });
    }

    private static GatewayException refused(BudgetBook.Refusal refusal) {
        Budget budget = refusal.budget();
        String message = "the " + budget.period().name().toLowerCase(java.util.Locale.ROOT) + " budget of "
                + budget.scope().name().toLowerCase(java.util.Locale.ROOT) + " '" + budget.name()
                + "' does not cover this call's worst-case cost";
        return refusal.retryAfterSeconds() == null
                ? new GatewayException(ApiError.BUDGET_EXCEEDED, message)
                : new GatewayException(
                        ApiError.BUDGET_EXCEEDED,
                        message,
                        Map.of("retry-after", Long.toString(refusal.retryAfterSeconds())));
    }
}
