package dev.caravan.guardrails;

/**
 * Where a scanned text came from. Injection detection trusts the operator's system prompt more than what users,
 * documents and tools supply.
 */
public enum Source {
    /** A system or developer message: the operator's own instructions. */
    SYSTEM,
    /** A user message, including any document pasted into it. */
    USER,
    /** An earlier assistant turn sent back as history. */
    ASSISTANT,
    /** A tool's result fed back to the model: untrusted data. */
    TOOL_RESULT,
    /** Arguments of a tool call, in the request's history or in the model's answer. */
    TOOL_ARGUMENTS,
    /** The model's answer text. */
    COMPLETION;

    /** True for text the operator did not write. */
    public boolean untrusted() {
        return this == USER || this == TOOL_RESULT;
    }
}
