package dev.caravan.providers.bedrock;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs one request with AWS Signature Version 4 through the AWS SDK's signer: the headers to send, the caller's own
 * plus {@code Authorization}, {@code X-Amz-Date} and, with temporary credentials, {@code X-Amz-Security-Token}.
 */
public final class SigV4 {
    /** The signing name of Bedrock, runtime endpoints included. */
    public static final String BEDROCK = "bedrock";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SigV4() {}

    /**
     * The headers to send for this request, signed over these exact body bytes at the clock's time; {@code Host} is
     * signed (from the URL) but left out of the result, the HTTP client sends it.
     */
    public static Map<String, String> sign(
            String method,
            URI url,
            Map<String, String> headers,
            byte[] body,
            AwsCredentials credentials,
            String region,
            String service,
            Clock clock) {
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(url);
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(sign -> sign.identity(identity(credentials))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) {
                out.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        return out;
    }

    private static AwsCredentialsIdentity identity(AwsCredentials credentials) {
        return credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }
}
