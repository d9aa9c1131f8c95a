package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.secrets.SecretKeyNames.Kind;

/** Where a secret-sounding assignment begins whose value a stream is still writing: {@code password: "hun}. */
final class OpenAssignments {
    private OpenAssignments() {}

    /** The start of the name whose value may still be growing at the end of {@code text}, else its length. */
    static int holdFrom(String text) {
        int n = text.length();
        int value = AssignedValue.trailingStart(text);
        // "password =abc": the operator opens the trailing run; a name inside the run is held with the run anyway
        int hold = value < n && isOperator(text.charAt(value)) ? nameOf(text, value) : n;
        int op = operatorBefore(text, value);
        return op < 0 ? hold : Math.min(hold, nameOf(text, op));
    }

    /** The operator of an assignment whose value would begin at {@code value}: before a scheme, quote and blanks. */
    private static int operatorBefore(String text, int value) {
        int i = AssignedValue.schemeBefore(text, value);
        if (i > 0 && AssignedValue.isQuote(text.charAt(i - 1))) {
            i--;
        }
        int blanks = 0;
        while (i > 0 && blanks < AssignedValue.MAX_BLANKS && AssignedValue.isBlank(text.charAt(i - 1))) {
            i--;
            blanks++;
        }
        if (i == 0) {
            return -1;
        }
        char c = text.charAt(i - 1);
        char before = i > 1 ? text.charAt(i - 2) : ' ';
        if ((c == '>' && before == '=') || (c == '=' && before == ':')) {
            return i - 2;
        }
        return isOperator(c) ? i - 1 : -1;
    }

    /** The start of the secret-sounding name the operator at {@code op} assigns to, else the text's length. */
    private static int nameOf(String text, int op) {
        int n = text.length();
        if (SecretAssignments.valueAt(text, op) < 0 || (text.charAt(op) == ':' && text.startsWith("//", op + 1))) {
            return n;
        }
        int nameEnd = SecretAssignments.nameEnd(text, op);
        int nameStart = SecretAssignments.nameStart(text, nameEnd);
        boolean secret = SecretKeyNames.mayNameSecret(text, nameStart, nameEnd)
                && SecretKeyNames.classifyHinted(text, nameStart, nameEnd) != Kind.NONE;
        return secret ? nameStart : n;
    }

    private static boolean isOperator(char c) {
        return c == '=' || c == ':';
    }
}
