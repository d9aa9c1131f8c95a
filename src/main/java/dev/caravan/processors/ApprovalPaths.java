package dev.caravan.processors;

import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the approval id (and the admin verb) out of an approvals path. */
final class ApprovalPaths {
    private static final Pattern POLL = Pattern.compile("/v1/approvals/([0-9a-f-]{36})");
    private static final Pattern DECIDE = Pattern.compile("/admin/approvals/([0-9a-f-]{36})/(approve|deny)");

    private ApprovalPaths() {}

    /** The approval id; with {@code decide}, the path must end in {@code /approve} or {@code /deny}. */
    static String id(String uri, boolean decide) {
        return match(uri, decide).group(1);
    }

    /** Whether the admin path says approve (rather than deny). */
    static boolean approves(String uri) {
        return match(uri, true).group(2).equals("approve");
    }

    private static Matcher match(String uri, boolean decide) {
        String path = uri == null ? "" : uri.replaceFirst("\\?.*$", "");
        Matcher m = (decide ? DECIDE : POLL).matcher(path);
        if (!m.matches()) {
            throw new GatewayException(
                    ApiError.NOT_FOUND,
                    decide
                            ? "use POST /admin/approvals/{id}/approve or /admin/approvals/{id}/deny"
                            : "an approval is found by its id: GET /v1/approvals/{id}");
        }
        return m;
    }
}
