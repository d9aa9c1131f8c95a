package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Redacts one streamed text delta by delta without buffering it: after each delta it scans a small window (recently
 * released text as left context, then the text not yet released), masks what the policy redacts, and releases
 * everything before the tail that could still grow into a match, as the guardrails' {@link Guardrail#holdFrom} say,
 * capped by their longest match. A finding the policy denies ends the text: nothing more of it is released.
 */
public final class StreamRedactor {
    /** How much released text stays in the window, so that a detector still sees what came just before. */
    static final int CONTEXT = 256;
    /** Guardrails that can only observe read the released text in batches of about this many characters. */
    static final int OBSERVE_BATCH = 2048;

    private final StreamGuard guard;
    private final Source source;
    private final List<Guardrail> acting;
    private final List<Guardrail> observing;
    private final int cap;
    private final StringBuilder window = new StringBuilder();
    /** How many characters at the window's start were already released. */
    private int released;

    private final StringBuilder unobserved = new StringBuilder();
    /** How many characters at the start of {@link #unobserved} were already observed (kept as context). */
    private int observed;

    private boolean denied;

    StreamRedactor(StreamGuard guard, Source source, List<Guardrail> acting, List<Guardrail> observing) {
        this.guard = guard;
        this.source = source;
        this.acting = List.copyOf(acting);
        this.observing = List.copyOf(observing);
        int longest = 0;
        for (Guardrail guardrail : this.acting) {
            longest = Math.max(longest, guardrail.longestMatch());
        }
        this.cap = longest;
    }

    /** Takes the next delta and returns the text that may go to the client now (possibly empty, masked where needed). */
    public String feed(String delta) {
        if (denied || delta.isEmpty()) {
            return "";
        }
        long started = System.nanoTime();
        window.append(delta);
        String out = release(false);
        guard.spent(System.nanoTime() - started);
        return out;
    }

    /** The text ended: returns everything still held, masked where needed. */
    public String finish() {
        if (denied) {
            return "";
        }
        long started = System.nanoTime();
        String out = window.length() > released ? release(true) : "";
        observe();
        guard.spent(System.nanoTime() - started);
        return out;
    }

    /** True once a finding the policy denies was seen: the text must end here. */
    public boolean denied() {
        return denied;
    }

    /** How many characters are held back right now. */
    public int held() {
        return window.length() - released;
    }

    private String release(boolean end) {
        String text = window.toString();
        int n = text.length();
        int hold = n;
        List<Finding> masks = new ArrayList<>(2);
        for (Guardrail guardrail : acting) {
            for (Finding f : GuardEngine.scan(guardrail, text, source, guard.failed())) {
                Action action = f.end() > released ? guard.actionFor(f, source) : null;
                if (action == null) {
                    continue;
                }
                guard.found(f, action);
                if (action == Action.DENY) {
                    denied = true;
                } else if (action == Action.REDACT) {
                    // a finding that reaches back into released text masks what is left of it
                    masks.add(f.start() >= released ? f : new Finding(released, f.end(), f.category(), f.score()));
                }
            }
            if (!end) {
                hold = Math.min(hold, Math.max(guardrail.holdFrom(text), n - guardrail.longestMatch()));
            }
        }
        if (denied || guard.failedClosed()) {
            denied = true;
            window.setLength(0);
            released = 0;
            return "";
        }
        if (!end) {
            hold = Math.max(settle(hold, masks, n), Math.max(released, n - cap));
        }
        String out = Redaction.apply(text.substring(released, hold), within(masks, hold), guard.redactions());
        if (!observing.isEmpty()) {
            unobserved.append(text, released, hold);
        }
        int keepFrom = Math.max(0, hold - CONTEXT);
        window.delete(0, keepFrom);
        released = hold - keepFrom;
        if (unobserved.length() - observed >= OBSERVE_BATCH) {
            observe();
        }
        return out;
    }

    /** Moves the release point back to the start of any mask that crosses it or could still grow at the end. */
    private static int settle(int hold, List<Finding> masks, int n) {
        int point = hold;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Finding f : masks) {
                if (f.start() < point && (f.end() > point || f.end() == n)) {
                    point = f.start();
                    moved = true;
                }
            }
        }
        return point;
    }

    /** The masks inside the released part, shifted to it; one cut by the length cap is masked up to the cut. */
    private List<Finding> within(List<Finding> masks, int hold) {
        List<Finding> inside = new ArrayList<>(masks.size());
        for (Finding f : masks) {
            if (f.start() < hold) {
                int end = Math.min(f.end(), hold);
                inside.add(new Finding(f.start() - released, end - released, f.category(), f.score()));
            }
        }
        return inside;
    }

    /** Runs the observe-only guardrails over the text released since they last looked, with a little context. */
    private void observe() {
        if (observing.isEmpty() || unobserved.length() == observed) {
            return;
        }
        String text = unobserved.toString();
        for (Guardrail guardrail : observing) {
            for (Finding f : GuardEngine.scan(guardrail, text, source, guard.failed())) {
                Action action = f.end() > observed ? guard.actionFor(f, source) : null;
                if (action != null) {
                    guard.found(f, action);
                }
            }
        }
        unobserved.delete(0, Math.max(0, unobserved.length() - CONTEXT));
        observed = unobserved.length();
    }
}
