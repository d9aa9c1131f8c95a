package dev.caravan.guardrails.secrets;

/**
 * One vendor credential format: a literal prefix followed by a body of {@code minBody..maxBody} characters of one
 * alphabet, an extra body rule, the score a match earns, and whether it needs a partner value nearby.
 */
record TokenFormat(
        String prefix, TokenAlphabet alphabet, int minBody, int maxBody, BodyRule rule, double score, Pairing pairing) {

    TokenFormat(String prefix, TokenAlphabet alphabet, int minBody, int maxBody, double score) {
        this(prefix, alphabet, minBody, maxBody, BodyRule.NONE, score, Pairing.NONE);
    }

    TokenFormat(String prefix, TokenAlphabet alphabet, int minBody, int maxBody, BodyRule rule, double score) {
        this(prefix, alphabet, minBody, maxBody, rule, score, Pairing.NONE);
    }

    /** Checks a format needs beyond length and alphabet. */
    enum BodyRule {
        NONE,
        /** OpenAI keys carry the base64 of "OpenAI" in the middle. */
        OPENAI_MARKER,
        /** Slack tokens are dash-separated and carry numeric team and user ids. */
        SLACK_IDS,
        /** SendGrid keys are {@code SG.<22>.<43>}. */
        SENDGRID_SHAPE;

        boolean accepts(String text, int from, int to) {
            return switch (this) {
                case NONE -> true;
                case OPENAI_MARKER -> indexOf(text, from, to, "T3BlbkFJ") >= 0;
                case SLACK_IDS -> digits(text, from, to) >= 8 && indexOf(text, from, to, "-") >= 0;
                case SENDGRID_SHAPE ->
                    to - from == 66 && text.charAt(from + 22) == '.' && indexOf(text, from + 23, to, ".") < 0;
            };
        }

        private static int digits(String text, int from, int to) {
            int count = 0;
            for (int i = from; i < to; i++) {
                if (TokenAlphabet.isDigit(text.charAt(i))) {
                    count++;
                }
            }
            return count;
        }

        private static int indexOf(String text, int from, int to, String needle) {
            for (int i = from; i + needle.length() <= to; i++) {
                if (text.startsWith(needle, i)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Formats whose value is only half a credential: the other half is looked for near it. */
    enum Pairing {
        NONE,
        /** An AWS access key id; its 40-character secret key is usually close by. */
        AWS_KEY_ID,
        /** A Twilio account SID: public on its own, secret together with a 32-hex auth token. */
        TWILIO_ACCOUNT
    }
}
