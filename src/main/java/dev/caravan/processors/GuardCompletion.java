package dev.caravan.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.Wire;
import dev.caravan.routes.Vars;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Masks or withholds a non-streamed answer according to the guardrail policy; an answer with nothing to change goes
 * back byte for byte.
 */
public final class GuardCompletion implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<GuardEngine> live;

    public GuardCompletion(Supplier<GuardEngine> live) {
        this.live = live;
    }

    @Override
    public void process(Exchange exchange) {
        Message out = exchange.getMessage();
        CallRecord record = Vars.callRecord(exchange);
        ObjectNode answer = Vars.answer(exchange);
        if (answer == null) {
            return;
        }
        long started = System.nanoTime();
        Wire wire = Vars.wire(exchange);
        GuardTexts texts = wire.answerTexts(answer);
        Outcome outcome = Vars.guardEngine(exchange, live).check(Phase.COMPLETION, texts.texts());
        if (outcome.changed() || outcome.action() == Action.DENY) {
            texts.write(outcome.texts());
            wire.withhold(answer, texts, outcome);
            out.setBody(write(answer));
        }
        record.guarded(
                false,
                outcome.verdict(),
                Category.ids(outcome.signals()),
                outcome.risk(),
                Category.idCounts(outcome.redactions()),
                outcome.failedOpen(),
                (System.nanoTime() - started) / 1_000);
        Replies.guardrails(record, out::setHeader);
    }

    private static byte[] write(ObjectNode answer) {
        try {
            return JSON.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }
}
