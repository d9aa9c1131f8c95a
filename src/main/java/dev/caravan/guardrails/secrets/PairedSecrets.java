package dev.caravan.guardrails.secrets;

import java.util.Arrays;

/**
 * Finds the secret half of a two-part credential near its public half: the 40-character AWS secret access key near an
 * access key id, and the 32-hex Twilio auth token near an account SID. Built per scan, filled during the main pass and
 * resolved in one more linear pass only when an anchor was seen.
 */
final class PairedSecrets {
    /** How far (in chars) from the id its partner may sit: a few lines of a config file or one sentence. */
    static final int REACH = 320;

    static final int AWS_SECRET_LENGTH = 40;
    static final int TWILIO_TOKEN_LENGTH = 32;

    private int[] aws = new int[0];
    private int awsCount;
    private int[] twilio = new int[0];
    private int twilioCount;

    void awsKeyId(int start, int end) {
        aws = push(aws, awsCount++ * 2, start, end);
    }

    void twilioAccount(int start, int end) {
        twilio = push(twilio, twilioCount++ * 2, start, end);
    }

    private static int[] push(int[] spans, int at, int start, int end) {
        int[] out = at + 2 > spans.length ? Arrays.copyOf(spans, Math.max(8, spans.length * 2)) : spans;
        out[at] = start;
        out[at + 1] = end;
        return out;
    }

    void resolve(String text, Hits hits) {
        if (awsCount > 0) {
            pair(text, hits, aws, awsCount, true);
        }
        if (twilioCount > 0) {
            pair(text, hits, twilio, twilioCount, false);
        }
    }

    /** Walks every maximal run of the partner's alphabet once, keeping a cursor into the (ordered) anchors. */
    private static void pair(String text, Hits hits, int[] anchors, int count, boolean awsPair) {
        int n = text.length();
        int cursor = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean member = awsPair ? TokenAlphabet.isBase64(c) : TokenAlphabet.isAlnum(c);
            if (!member) {
                i++;
                continue;
            }
            int start = i;
            while (i < n
                    && (awsPair ? TokenAlphabet.isBase64(text.charAt(i)) : TokenAlphabet.isAlnum(text.charAt(i)))) {
                i++;
            }
            int end = i;
            boolean equalsSign = end < n && text.charAt(end) == '=';
            int wanted = awsPair ? AWS_SECRET_LENGTH : TWILIO_TOKEN_LENGTH;
            if (end - start != wanted || equalsSign) {
                continue;
            }
            while (cursor < count - 1 && anchors[cursor * 2 + 1] + REACH < start) {
                cursor++;
            }
            int anchor = nearest(anchors, count, cursor, start, end);
            if (anchor < 0) {
                continue;
            }
            if (awsPair ? isAwsSecret(text, start, end) : isTwilioToken(text, start, end)) {
                hits.add(start, end, 0.92);
                if (!awsPair) {
                    hits.add(anchors[anchor * 2], anchors[anchor * 2 + 1], 0.9);
                }
            }
        }
    }

    private static int nearest(int[] anchors, int count, int from, int start, int end) {
        for (int k = from; k < count && anchors[k * 2] < end + REACH; k++) {
            int anchorStart = anchors[k * 2];
            int anchorEnd = anchors[k * 2 + 1];
            boolean close = anchorEnd + REACH >= start && anchorStart - REACH <= end;
            boolean itself = anchorStart <= start && anchorEnd >= end;
            if (close && !itself) {
                return k;
            }
        }
        return -1;
    }

    static boolean isAwsSecret(String text, int start, int end) {
        ValueShape shape = ValueShape.of(text, start, end);
        return shape.classes() >= 3 && shape.entropy() >= 4.0 && ValueShape.looksGenuine(text, start, end);
    }

    static boolean isTwilioToken(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!TokenAlphabet.HEX_LOWER.accepts(text.charAt(i))) {
                return false;
            }
        }
        return ValueShape.looksGenuine(text, start, end);
    }
}
