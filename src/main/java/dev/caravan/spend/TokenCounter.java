package dev.caravan.spend;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens when the provider did not (a stream the client cut before its usage chunk), with jtokkit's
 * o200k_base encoding (GPT-4o and later); for other models' tokenizers it is an estimate, and is marked as one.
 */
public final class TokenCounter {
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {}

    public static long count(String text) {
        return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
    }
}
