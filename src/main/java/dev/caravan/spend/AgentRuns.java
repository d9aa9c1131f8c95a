package dev.caravan.spend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The calls of each agent run ({@code X-Caravan-Run-Id}) as they close, step by step with cost, tokens and latency,
 * and the runs of each session ({@code X-Caravan-Session-Id}); kept in memory for a day after a run's last call,
 * within a size bound (the audit log keeps them for good).
 */
public final class AgentRuns {
    /** One call of a run. */
    public record Step(
            String decisionId,
            String startedAt,
            String workspace,
            String route,
            String upstream,
            String model,
            Integer status,
            Usage usage,
            Long costMicros,
            boolean costEstimated,
            Double latencyMs) {}

    /** A run's steps and session. */
    public static final class Run {
        private final String id;
        private final String sessionId;
        private final List<Step> steps = new ArrayList<>();

        Run(String id, String sessionId) {
            this.id = id;
            this.sessionId = sessionId;
        }

        public String id() {
            return id;
        }

        public String sessionId() {
            return sessionId;
        }

        public synchronized List<Step> steps() {
            return List.copyOf(steps);
        }

        synchronized void add(Step step) {
            steps.add(step);
        }
    }

    private final Cache<String, Run> runs;
    private final Cache<String, Set<String>> sessions;

    public AgentRuns(long maxRuns, Duration keepFor) {
        this.runs = Caffeine.newBuilder()
                .maximumSize(maxRuns)
                .expireAfterAccess(keepFor)
                .build();
        this.sessions = Caffeine.newBuilder()
                .maximumSize(maxRuns)
                .expireAfterAccess(keepFor)
                .build();
    }

    /** Files a closed call under its run, if it names one. */
    public void closed(CallRecord call) {
        String runId = call.runId();
        if (runId == null || runId.isBlank()) {
            return;
        }
        Run run = runs.get(runId, id -> new Run(id, call.sessionId()));
        run.add(new Step(
                call.decisionId(),
                call.startedAt().toString(),
                call.workspace(),
                call.route(),
                call.upstream(),
                call.upstreamModel(),
                call.status(),
                call.usage(),
                call.costMicros(),
                call.usageEstimated(),
                call.totalNanos() == null ? null : call.totalNanos() / 1e6));
        if (call.sessionId() != null && !call.sessionId().isBlank()) {
            Set<String> ids = sessions.get(call.sessionId(), id -> new LinkedHashSet<>());
            synchronized (ids) {
                ids.add(runId);
            }
        }
    }

    public Optional<Run> run(String id) {
        return Optional.ofNullable(runs.getIfPresent(id));
    }

    /** The runs of a session, oldest first. */
    public List<Run> session(String id) {
        Set<String> ids = sessions.getIfPresent(id);
        if (ids == null) {
            return List.of();
        }
        List<Run> found = new ArrayList<>();
        synchronized (ids) {
            for (String runId : ids) {
                run(runId).ifPresent(found::add);
            }
        }
        return found;
    }
}
