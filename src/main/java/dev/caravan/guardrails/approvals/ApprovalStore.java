package dev.caravan.guardrails.approvals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.caravan.guardrails.approvals.Approval.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approvals, one JSON file each under the data directory's {@code approvals/}, written atomically and read back on
 * start. Holding the same body again while it is pending returns the same approval rather than a new one.
 */
public final class ApprovalStore {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Why a decision could not be taken. */
    public enum Refusal {
        NOT_FOUND,
        ALREADY_DECIDED,
        EXPIRED
    }

    /** A decision that could not be taken, and why. */
    public static final class RefusedException extends RuntimeException {
        private final Refusal refusal;

        RefusedException(Refusal refusal, String message) {
            super(message, null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final Path dir;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Approval> byId = new ConcurrentHashMap<>();

    public ApprovalStore(Path dir, Duration ttl, Clock clock) {
        this.dir = dir;
        this.ttl = ttl;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        load();
    }

    /** Holds a request body: a new pending approval, or the pending one of the same workspace that already covers it. */
    public synchronized Approval hold(String requestSha256, List<String> categories, String workspace) {
        Instant now = clock.instant();
        for (Approval a : byId.values()) {
            if (a.requestSha256().equals(requestSha256)
                    && a.heldFor(workspace)
                    && a.at(now).status() == Status.PENDING) {
                return a;
            }
        }
        Approval created = new Approval(
                UUID.randomUUID().toString(),
                requestSha256,
                workspace,
                categories,
                Status.PENDING,
                now,
                now.plus(ttl),
                null);
        save(created);
        return created;
    }

    /** The approval as it stands now. */
    public Optional<Approval> find(String id) {
        Approval a = byId.get(id);
        return a == null ? Optional.empty() : Optional.of(a.at(clock.instant()));
    }

    /** Approves or denies a pending approval. */
    public synchronized Approval decide(String id, boolean approve) {
        Approval current = find(id).orElseThrow(() -> new RefusedException(Refusal.NOT_FOUND, "no approval " + id));
        Status wanted = approve ? Status.APPROVED : Status.DENIED;
        if (current.status() == wanted) {
            return current;
        }
        if (current.status() == Status.EXPIRED) {
            throw new RefusedException(Refusal.EXPIRED, "approval " + id + " expired at " + current.expiresAt());
        }
        if (current.status() != Status.PENDING) {
            throw new RefusedException(
                    Refusal.ALREADY_DECIDED,
                    "approval " + id + " was already " + current.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        Approval decided = current.decided(wanted, clock.instant());
        save(decided);
        return decided;
    }

    /** Whether this approval lets exactly this request body, from this workspace, through now. */
    public boolean allows(String id, String requestSha256, String workspace) {
        return find(id).filter(a -> a.status() == Status.APPROVED
                        && a.requestSha256().equals(requestSha256)
                        && a.heldFor(workspace))
                .isPresent();
    }

    /** Renders an approval as the JSON the approvals endpoints return. */
    public static byte[] json(Approval approval) {
        try {
            return JSON.writeValueAsBytes(approval);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save(Approval approval) {
        Path target = dir.resolve(approval.id() + ".json");
        Path temp = dir.resolve(approval.id() + ".json.tmp");
        try {
            Files.write(temp, json(approval));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write approval " + approval.id(), e);
        }
        byId.put(approval.id(), approval);
    }

    private void load() {
        Instant now = clock.instant();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    Approval a = JSON.readValue(file.toFile(), Approval.class);
                    if (now.isAfter(a.expiresAt().plus(ttl))) { // kept one more lifetime so a poll still says "expired"
                        Files.deleteIfExists(file);
                    } else {
                        byId.put(a.id(), a);
                    }
                } catch (IOException e) {
                    LOG.warn("skipping unreadable approval file {}: {}", file.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }
}
