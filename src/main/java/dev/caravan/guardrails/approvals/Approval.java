package dev.caravan.guardrails.approvals;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A held request: the hash of the body it covers, the workspace of the gateway key that sent it (null on an open
 * gateway), the categories that held it, and what a human decided.
 */
public record Approval(
        @JsonProperty("id") String id,
        @JsonProperty("request_sha256") String requestSha256,
        @JsonProperty("workspace") String workspace,
        @JsonProperty("categories") List<String> categories,
        @JsonProperty("status") Status status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("decided_at") Instant decidedAt) {

    /** Where an approval stands; {@code expired} is never stored, it is how a pending or approved one ages. */
    public enum Status {
        @JsonProperty("pending")
        PENDING,
        @JsonProperty("approved")
        APPROVED,
        @JsonProperty("denied")
        DENIED,
        @JsonProperty("expired")
        EXPIRED
    }

    public Approval {
        categories = List.copyOf(categories);
    }

    /** This approval as it stands at {@code now}. */
    public Approval at(Instant now) {
        if (status != Status.DENIED && !now.isBefore(expiresAt)) {
            return new Approval(
                    id, requestSha256, workspace, categories, Status.EXPIRED, createdAt, expiresAt, decidedAt);
        }
        return this;
    }

    Approval decided(Status decision, Instant now) {
        return new Approval(id, requestSha256, workspace, categories, decision, createdAt, expiresAt, now);
    }

    /** Whether this approval was held for a call of {@code workspace} (null: an open gateway's call). */
    public boolean heldFor(String workspace) {
        return java.util.Objects.equals(this.workspace, workspace);
    }
}
