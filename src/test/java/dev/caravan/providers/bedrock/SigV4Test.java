package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.call.Sha256;
import dev.caravan.support.SigV4Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigningResult;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class SigV4Test {
    private static final AwsCredentials EXAMPLE =
            new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static final String TOKEN = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    private static final Clock SUITE_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

    /** One case of the test suite: the request as sent before signing, and the headers the signature added. */
    private record Case(
            String method, String path, Map<String, String> unsigned, Map<String, String> added, byte[] body) {}

    /**
     * The suite cases that sign {@code x-amz-content-sha256}, through the same public signer call the gateway makes
     * (the SDK's {@code AwsV4HttpSigner} always sends and signs that header, as Bedrock accepts).
     */
    @ParameterizedTest
    @ValueSource(strings = {"post-x-www-form-urlencoded"})
    void theGatewaysSignerProducesTheSignatureAwsPublished(String name) throws IOException {
        Case c = load(name);

        Map<String, String> sent = lower(SigV4.sign(
                c.method(),
                URI.create("https://example.amazonaws.com" + c.path()),
                c.unsigned(),
                c.body(),
                EXAMPLE,
                "us-east-1",
                "service",
                SUITE_TIME));

        assertThat(sent).containsAllEntriesOf(c.added());
        assertThat(sent).doesNotContainKey("host");
    }

    /**
     * The suite cases that sign no payload header, through the canonical-request core of that same SDK signer (the
     * public entry point would add {@code x-amz-content-sha256} to them): vanilla GET and POST, query ordering,
     * session token.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "get-vanilla",
                "get-vanilla-query-order-key-case",
                "post-vanilla",
                "get-vanilla-with-session-token"
            })
    void theSdkSignersCoreProducesTheSignatureAwsPublished(String name) throws IOException {
        Case c = load(name);
        AwsCredentialsIdentity identity = c.added().containsKey("x-amz-security-token")
                ? AwsSessionCredentialsIdentity.create(EXAMPLE.accessKeyId(), EXAMPLE.secretAccessKey(), TOKEN)
                : AwsCredentialsIdentity.create(EXAMPLE.accessKeyId(), EXAMPLE.secretAccessKey());
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(c.method()))
                .uri(URI.create("https://example.amazonaws.com" + c.path()));
        c.unsigned().forEach(request::putHeader);
        request.putHeader("Host", "example.amazonaws.com"); // the suite's requests carry these two before signing
        request.putHeader("X-Amz-Date", c.added().get("x-amz-date"));
        if (identity instanceof AwsSessionCredentialsIdentity session) {
            request.putHeader("X-Amz-Security-Token", session.sessionToken());
        }
        V4Properties properties = V4Properties.builder()
                .credentials(identity)
                .credentialScope(new CredentialScope("us-east-1", "service", SUITE_TIME.instant()))
                .signingClock(SUITE_TIME)
                .doubleUrlEncode(true)
                .normalizePath(true)
                .build();

        V4RequestSigningResult signed =
                V4RequestSigner.create(properties, Sha256.hex(c.body())).sign(request);

        String authorization = c.added().get("authorization");
        assertThat(signed.getSignature()).isEqualTo(authorization.substring(authorization.indexOf("Signature=") + 10));
        assertThat(signed.getCanonicalRequest().getSignedHeadersString())
                .isEqualTo(authorization.substring(
                        authorization.indexOf("SignedHeaders=") + 14, authorization.indexOf(", Signature")));
    }

    @Test
    void aSignatureVerifiesOverTheBytesSentAndFailsOverAnyOtherBytes() {
        byte[] body =
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}".getBytes(StandardCharsets.UTF_8);
        String path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
        Map<String, String> sent = SigV4.sign(
                "POST",
                URI.create("http://127.0.0.1:8123" + path),
                Map.of("content-type", "application/json"),
                body,
                EXAMPLE,
                "eu-west-1",
                SigV4.BEDROCK,
                Clock.systemUTC());
        Map<String, List<String>> received = new LinkedHashMap<>();
        sent.forEach((k, v) -> received.put(k, List.of(v)));
        received.put("Host", List.of("127.0.0.1:8123"));
        SigV4Verifier verifier = new SigV4Verifier(EXAMPLE, "eu-west-1", SigV4.BEDROCK);

        assertThat(verifier.verify("POST", path, received, body)).isTrue();
        byte[] tampered = body.clone();
        tampered[tampered.length - 5] = 'X';
        assertThat(verifier.verify("POST", path, received, tampered)).isFalse();
        assertThat(new SigV4Verifier(EXAMPLE, "us-east-1", SigV4.BEDROCK).verify("POST", path, received, body))
                .isFalse();
    }

    @Test
    void temporaryCredentialsAreSentAsTheSecurityTokenAndSigned() {
        Map<String, String> sent = lower(SigV4.sign(
                "POST",
                URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse"),
                Map.of("content-type", "application/json"),
                new byte[] {'{', '}'},
                new AwsCredentials("ASIAEXAMPLE", "secret", "the-token"),
                "us-east-1",
                SigV4.BEDROCK,
                SUITE_TIME));

        assertThat(sent).containsEntry("x-amz-security-token", "the-token");
        assertThat(sent.get("authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20150830/us-east-1/bedrock/aws4_request")
                .contains("x-amz-security-token");
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        String shown = new AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "tok")
                .toString();

        assertThat(shown).doesNotContain("IOSFODNN7EXAMPLE", "wJalr", "tok");
    }

    private static Case load(String name) throws IOException {
        String text;
        try (InputStream in = SigV4Test.class.getResourceAsStream("/sigv4/" + name + ".txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int blank = text.indexOf("\n\n");
        String[] head = text.substring(0, blank).split("\n");
        byte[] body = text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
        String[] requestLine = head[0].split(" ");
        Map<String, String> unsigned = new LinkedHashMap<>();
        Map<String, String> added = new TreeMap<>();
        List<String> addedBySigner = new ArrayList<>(List.of("authorization", "x-amz-date", "x-amz-security-token"));
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            String key = head[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            String value = head[i].substring(colon + 1);
            if (addedBySigner.contains(key)) {
                added.put(key, value);
            } else if (!key.equals("host")) {
                unsigned.put(head[i].substring(0, colon), value);
            }
        }
        return new Case(requestLine[0], requestLine[1], unsigned, added, body);
    }

    private static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }
}
