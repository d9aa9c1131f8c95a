package dev.caravan.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import dev.caravan.keys.GatewayKey;
import dev.caravan.routes.Vars;
import dev.caravan.spend.AgentRuns;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers {@code GET /v1/runs/{run-id}} (the run's calls with per-step cost, tokens and latency, and totals) and
 * {@code GET /v1/runs?session_id=S} (the session's runs with their totals); with gateway keys, only the calls of the
 * caller's workspace.
 */
public final class ShowRun implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentRuns runs;

    public ShowRun(AgentRuns runs) {
        this.runs = runs;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        if (!"GET".equals(message.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new GatewayException(ApiError.METHOD_NOT_ALLOWED, "runs accept GET only");
        }
        String path = message.getHeader(Exchange.HTTP_URI, String.class).replaceFirst("\\?.*$", "");
        String runId = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        GatewayKey key = Vars.gatewayKey(exchange);
        String workspace = key == null ? null : key.workspace();
        ObjectNode body;
        if (path.endsWith("/v1/runs") || path.endsWith("/v1/runs/")) {
            String session = message.getHeader("session_id", String.class);
            if (session == null || session.isBlank()) {
                throw new GatewayException(
                        ApiError.NOT_FOUND,
                        "ask for a run by id (/v1/runs/{run-id}) or for a session's runs (?session_id=)");
            }
            body = session(session, runs.session(session), workspace);
        } else {
            body = run(
                    runs.run(runId)
                            .filter(found -> !visible(found, workspace).isEmpty())
                            .orElseThrow(() -> new GatewayException(
                                    ApiError.NOT_FOUND, "no calls of run '" + runId + "' are kept")),
                    workspace);
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.writeValueAsBytes(body));
    }

    /** The run's steps the caller may see: all on an open gateway, else those of its workspace. */
    private static List<AgentRuns.Step> visible(AgentRuns.Run run, String workspace) {
        return run.steps().stream()
                .filter(step -> workspace == null || workspace.equals(step.workspace()))
                .toList();
    }

    private static ObjectNode run(AgentRuns.Run run, String workspace) {
        ObjectNode body = JSON.createObjectNode().put("object", "caravan.run").put("run_id", run.id());
        body.put("session_id", run.sessionId());
        ArrayNode steps = body.putArray("steps");
        Totals totals = new Totals();
        for (AgentRuns.Step step : visible(run, workspace)) {
            ObjectNode s = steps.addObject()
                    .put("decision_id", step.decisionId())
                    .put("ts", step.startedAt())
                    .put("route", step.route())
                    .put("upstream", step.upstream())
                    .put("model", step.model());
            s.put("status", step.status());
            if (step.usage() != null) {
                s.putObject("usage")
                        .put("prompt_tokens", step.usage().promptTokens())
                        .put("completion_tokens", step.usage().completionTokens())
                        .put("total_tokens", step.usage().totalTokens());
            } else {
                s.putNull("usage");
            }
            s.put("cost_micros", step.costMicros());
            s.put("cost_estimated", step.costEstimated());
            s.put("latency_ms", step.latencyMs());
            totals.add(step);
        }
        totals.into(body.putObject("totals"));
        return body;
    }

    private static ObjectNode session(String id, List<AgentRuns.Run> runs, String workspace) {
        ObjectNode body =
                JSON.createObjectNode().put("object", "caravan.session").put("session_id", id);
        ArrayNode list = body.putArray("runs");
        Totals all = new Totals();
        for (AgentRuns.Run run : runs) {
            List<AgentRuns.Step> steps = visible(run, workspace);
            if (steps.isEmpty()) {
                continue;
            }
            Totals one = new Totals();
            steps.forEach(step -> {
                one.add(step);
                all.add(step);
            });
            one.into(list.addObject().put("run_id", run.id()).putObject("totals"));
        }
        all.into(body.putObject("totals"));
        return body;
    }

    /** Sums of a run's or session's steps; unpriced steps are counted, not guessed. */
    private static final class Totals {
        long calls;
        long prompt;
        long completion;
        long cost;
        long unpriced;
        boolean estimated;
        double latency;

        void add(AgentRuns.Step step) {
            calls++;
            if (step.usage() != null) {
                prompt += step.usage().promptTokens();
                completion += step.usage().completionTokens();
            }
            if (step.costMicros() != null) {
                cost += step.costMicros();
            } else {
                unpriced++;
            }
            estimated |= step.costEstimated();
            latency += step.latencyMs() == null ? 0 : step.latencyMs();
        }

        void into(ObjectNode node) {
            node.put("calls", calls)
                    .put("prompt_tokens", prompt)
                    .put("completion_tokens", completion)
                    .put("total_tokens", prompt + completion)
                    .put("cost_micros", cost)
                    .put("cost_estimated", estimated)
                    .put("unpriced_calls", unpriced)
                    .put("latency_ms", Math.round(latency * 1000) / 1000.0);
        }
    }
}
