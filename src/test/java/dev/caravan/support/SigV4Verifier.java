package dev.caravan.support;

import dev.caravan.providers.bedrock.AwsCredentials;
import dev.caravan.providers.bedrock.SigV4;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an AWS service does with a signed request, for test upstreams: re-computes the SigV4 signature over the exact
 * method, path, query, signed headers and body bytes it received, at the request's own {@code X-Amz-Date}, with the
 * credentials it knows, and compares it with the {@code Authorization} header.
 */
public final class SigV4Verifier {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Headers the signer writes itself from its inputs, so they are not handed to it. */
    private static final Set<String> WRITTEN_BY_SIGNER = Set.of("host", "x-amz-date", "x-amz-security-token");

    private final AwsCredentials credentials;
    private final String region;
    private final String service;

    public SigV4Verifier(AwsCredentials credentials, String region, String service) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
    }

    /** Whether the request carries a valid signature; {@code pathAndQuery} as on the request line. */
    public boolean verify(String method, String pathAndQuery, Map<String, List<String>> received, byte[] body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.forEach((name, values) -> headers.put(name, String.join(",", values)));
        String authorization = headers.get("authorization");
        String date = headers.get("x-amz-date");
        if (authorization == null || date == null) {
            return false;
        }
        String expected = signedAs(method, pathAndQuery, headers, body, authorization, date);
        return expected != null && expected.equals(authorization);
    }

    private String signedAs(
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            byte[] body,
            String authorization,
            String date) {
        String signedList = part(authorization, "SignedHeaders=");
        if (signedList == null) {
            return null;
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : signedList.split(";")) {
            if (!WRITTEN_BY_SIGNER.contains(name) && headers.containsKey(name)) {
                signed.put(name, headers.get(name));
            }
        }
        if (Arrays.asList(signedList.split(";")).contains("x-amz-security-token")
                != (credentials.sessionToken() != null)) {
            return null;
        }
        Instant at = Instant.from(AMZ_DATE.parse(date));
        URI url = URI.create("http://" + headers.get("host") + pathAndQuery);
        Map<String, String> out =
                SigV4.sign(method, url, signed, body, credentials, region, service, Clock.fixed(at, ZoneOffset.UTC));
        return out.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals("authorization"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String part(String authorization, String key) {
        for (String piece : authorization.split(",\\s*|\\s+")) {
            if (piece.startsWith(key)) {
                return piece.substring(key.length());
            }
        }
        return null;
    }
}
