package dev.caravan.providers.bedrock;

/**
 * The AWS credentials a client sent for one request; never printed, so a log line or an exception message that
 * mentions them shows only the access key id's first four characters.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    public AwsCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an access key id and a secret access key are both needed");
        }
        sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
    }

    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId.substring(0, Math.min(4, accessKeyId.length())) + "…]";
    }
}
