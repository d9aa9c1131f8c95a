package dev.caravan.guardrails.secrets;

import static dev.caravan.guardrails.secrets.Fixtures.ALNUM;
import static dev.caravan.guardrails.secrets.Fixtures.BASE64;
import static dev.caravan.guardrails.secrets.Fixtures.BASE64URL;
import static dev.caravan.guardrails.secrets.Fixtures.DIGITS;
import static dev.caravan.guardrails.secrets.Fixtures.HEX;
import static dev.caravan.guardrails.secrets.Fixtures.UPPER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.HoldProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StreamHoldTest {
    private static final String OPENAI_MARKER = "T3Blbk" + "FJ";

    private final Fixtures fx = new Fixtures(17);
    private final SecretDetector detector = new SecretDetector();

    @Test
    void everyFindingACutSplitsIsHeldFromItsStartInTheDevSet() {
        assertThat(HoldProperty.devSetMisses(detector, "secrets.jsonl")).isEmpty();
    }

    @Test
    void everyFindingACutSplitsIsHeldFromItsStartInTheFixtures() {
        assertThat(HoldProperty.misses(detector, fixtureTexts())).isEmpty();
    }

    @Test
    void everyFindingACutSplitsIsHeldFromItsStartInComposedTexts() {
        assertThat(HoldProperty.misses(detector, composedTexts(400))).isEmpty();
    }

    @Test
    void proseEndingInWhitespaceIsReleasedWhole() {
        assertThat(detector.holdFrom("")).isZero();
        for (String text : List.of(
                "Restart the service and check the logs. ",
                "Set retries = 3 and timeout: 20s, then run it again.\n",
                "See https://example.com/docs for the full list of keys. ")) {
            assertThat(detector.holdFrom(text)).as(text).isEqualTo(text.length());
        }
    }

    @Test
    void aTrailingWordIsHeldAlone() {
        assertThat(held("Restart the serv")).isEqualTo("serv");
        assertThat(held("Your key starts with sk-pro")).isEqualTo("sk-pro");
    }

    @Test
    void aSecretNameWaitingForItsValueIsHeldFromTheName() {
        assertThat(held("config:\n  password: ")).isEqualTo("password: ");
        assertThat(held("Authorization: Bearer ")).isEqualTo("Authorization: Bearer ");
        assertThat(held("{\"api_key\": \"")).isEqualTo("api_key\": \"");
        assertThat(held("export DB_PASSWORD = Xq7")).isEqualTo("DB_PASSWORD = Xq7");
        assertThat(held("$env:API_TOKEN = \"")).isEqualTo("API_TOKEN = \"");
    }

    @Test
    void aCredentialFlagWaitingForItsValueIsHeldFromTheFlag() {
        assertThat(held("mysql -u root -p")).isEqualTo("-p");
        assertThat(held("mysql -u root -p ")).isEqualTo("-p ");
        assertThat(held("curl -u deploy:")).isEqualTo("-u deploy:");
        assertThat(held("curl -u \"deploy:pass wo")).isEqualTo("-u \"deploy:pass wo");
        assertThat(held("docker login --password ")).isEqualTo("--password ");
    }

    @Test
    void namesAndFlagsThatTakeNoSecretAreReleased() {
        for (String text : List.of(
                "the monkey: ",
                "ratio = ",
                "if x == ",
                "url: ",
                "api_key_id: ",
                "docker run -p 8080:80 ",
                "git commit -m ")) {
            assertThat(detector.holdFrom(text)).as(text).isEqualTo(text.length());
        }
    }

    @Test
    void anUnfinishedPrivateKeyBlockIsHeldUntilItsEndLine() {
        String block = "-----BEGIN RSA PRIVATE KEY-----\n" + fx.random(BASE64, 64) + "\n" + fx.random(BASE64, 64)
                + "\n-----END RSA PRIVATE KEY-----";
        String text = "here it is:\n" + block + "\nThanks ";
        int begin = text.indexOf("-----BEGIN");
        int end = text.indexOf("-----END");
        assertThat(detector.holdFrom(text.substring(0, begin + 20))).isEqualTo(begin);
        assertThat(detector.holdFrom(text.substring(0, begin + 100))).isEqualTo(begin);
        assertThat(detector.holdFrom(text.substring(0, end + 12))).isEqualTo(begin);
        // an escaped newline may still belong to the block
        assertThat(detector.holdFrom(text.substring(0, end + 29))).isEqualTo(begin);
        assertThat(detector.holdFrom(text)).isEqualTo(text.length());
    }

    @Test
    void aPublicKeyBlockIsNotHeld() {
        String text = "Is this safe to share?\n-----BEGIN CERTIFICATE-----\n" + fx.random(BASE64, 64) + "\n";
        assertThat(detector.holdFrom(text)).isEqualTo(text.length());
    }

    @Test
    void aQuotedPasswordIsHeldWhileAnAsPlainTextFlagCanStillFollow() {
        String password = fx.random(ALNUM, 12) + "!";
        String call = "$s = ConvertTo-SecureString \"" + password + "\" -AsPlain";
        assertThat(held(call)).startsWith(password);
        String done = "$s = ConvertTo-SecureString \"" + password + "\" -AsPlainText -Force ";
        assertThat(detector.holdFrom(done)).isEqualTo(done.length());
    }

    @Test
    void aKeyIdIsHeldWhileItsSecretKeyCanStillFollow() {
        String id = "AK" + "IA" + fx.random(UPPER + "234567", 16);
        String text = "aws_access_key_id = " + id + "\n";
        assertThat(held(text)).startsWith(id);
        String later = text + "Then restart the worker. ".repeat(16);
        assertThat(detector.holdFrom(later)).isEqualTo(later.length());
    }

    @Test
    void heldLengthOverBenignTextsIsSmall() {
        assertThat(HoldProperty.meanHeldOverBenign(detector, "secrets")).isLessThan(24);
    }

    private String held(String text) {
        return text.substring(detector.holdFrom(text));
    }

    /** The credential-bearing texts of the vendor-token and structured-secret tests, built the same way. */
    private List<String> fixtureTexts() {
        String password = fx.random(ALNUM, 14) + "-%";
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + fx.random(BASE64, 64) + "\n" + fx.random(BASE64, 64)
                + "\n" + fx.random(BASE64, 30) + "\n-----END OPENSSH PRIVATE KEY-----";
        String jwt = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"usr_1\"}".getBytes())
                + "." + fx.random(BASE64URL, 86);
        String basic = Base64.getEncoder().encodeToString(("svc:" + fx.random(ALNUM, 16)).getBytes());
        return List.of(
                "[default]\naws_access_key_id = AK" + "IA" + fx.random(UPPER + "234567", 16)
                        + "\naws_secret_access_key = " + fx.random(BASE64, 40) + "\n",
                "The role gave me AccessKeyId AS" + "IA" + fx.random(UPPER + DIGITS, 16) + " and SecretAccessKey "
                        + fx.random(BASE64, 40) + ", is that enough?",
                "OPENAI_API_KEY=sk-" + "proj-" + fx.random(BASE64URL, 60) + OPENAI_MARKER + fx.random(BASE64URL, 60),
                "client = OpenAI(api_key=\"sk-" + fx.random(ALNUM, 20) + OPENAI_MARKER + fx.random(ALNUM, 20) + "\")",
                "ANTHROPIC_API_KEY: sk-" + "ant-api03-" + fx.random(BASE64URL, 93) + "AA",
                "git remote set-url origin with gh" + "p_" + fx.random(ALNUM, 36) + " please",
                "GITLAB_TOKEN: glpat-" + fx.random(BASE64URL, 20),
                "SLACK_BOT_TOKEN=xox" + "b-" + fx.random(DIGITS, 12) + "-" + fx.random(DIGITS, 13) + "-"
                        + fx.random(ALNUM, 24),
                "webhook_url = https://hooks.slack.com/services/T" + fx.random(UPPER + DIGITS, 10) + "/B"
                        + fx.random(UPPER + DIGITS, 10) + "/" + fx.random(ALNUM, 24) + "\n",
                "key=sk_" + "live_" + fx.random(ALNUM, 99),
                "maps.googleapis.com/maps/api/js?key=AI" + "za" + fx.random(BASE64URL, 35),
                "DefaultEndpointsProtocol=https;AccountName=media;AccountKey=" + fx.random(BASE64, 86)
                        + "==;EndpointSuffix=core.windows.net",
                "twilio_api_key: S" + "K" + fx.random(HEX, 32),
                "client = Client(\"A" + "C" + fx.random(HEX, 32) + "\", \"" + fx.random(HEX, 32) + "\")",
                "Why does the client reject \"np" + "m_" + fx.random(ALNUM, 36) + "\" with 401?",
                "Why does the client reject \"" + fx.random(DIGITS, 10) + ":A" + fx.random(BASE64URL, 34) + "\"?",
                "ssh-add says invalid format for this key:\n" + pem + "\nwhat now?",
                "here is the start of it:\n-----BEGIN RSA PRIVATE KEY-----\n" + fx.random(BASE64, 64) + "\n"
                        + fx.random(BASE64, 64),
                "{\n  \"type\": \"service_account\",\n  \"private_key\": \""
                        + pem.replace("OPENSSH ", "").replace("\n", "\\n") + "\\n\"\n}",
                "curl -H 'Authorization: Bearer " + jwt + "' https://api.internal/v1/me",
                "DATABASE_URL=postgres://app:" + password + "@db.internal:5432/prod?sslmode=require",
                "git clone https://deploy-bot:" + password + "@git.internal/infra.git",
                "Server=tcp:sql.internal,1433;Database=app;User ID=svc;Password=" + password + ";Encrypt=True;",
                "curl -u elastic:" + password + " https://localhost:9200",
                "curl --user \"j.smith:" + password + "\" https://api.corp",
                "curl --user kevin:'" + password + "' -X PATCH https://api.corp",
                "mysql -h db -u root -p" + password + " shop",
                "$s = ConvertTo-SecureString \"" + password + "\" -AsPlainText -Force",
                "password: \"" + password + "\"",
                "{\"client_secret\": \"" + password + "\"}",
                "docker login registry -u ci -p '" + password + "'",
                "$env:API_TOKEN = \"" + password + "\"",
                "Authorization: Basic " + basic,
                "Passwort: " + password);
    }

    /**
     * Texts put together at random from credentials, the names, flags and quotes around them, key blocks and prose of
     * varying length, so that findings meet cuts in every position and context.
     */
    private List<String> composedTexts(int count) {
        Random random = new Random(29);
        List<Supplier<String>> pieces = List.of(
                () -> "password = ",
                () -> "password: \"",
                () -> "Authorization: Bearer ",
                () -> "\"client_secret\": \"",
                () -> " -u ",
                () -> " -p ",
                () -> " --token=",
                () -> "bob:",
                () -> "'",
                () -> "\"",
                () -> " ",
                () -> "\n",
                () -> "\\n",
                () -> fx.random(ALNUM, 14) + "#!",
                () -> " -u \"bob:" + fx.random(ALNUM, 8) + " x" + fx.random(ALNUM, 6) + "\"",
                () -> "ConvertTo-SecureString \"" + fx.random(ALNUM, 12) + "!\" -AsPlainText -Force",
                () -> "-----BEGIN RSA PRIVATE KEY-----\n",
                () -> fx.random(BASE64, 64) + "\n",
                () -> "-----END RSA PRIVATE KEY-----",
                () -> "AK" + "IA" + fx.random(UPPER + "234567", 16),
                () -> fx.random(BASE64, 40),
                () -> "A" + "C" + fx.random(HEX, 32),
                () -> fx.random(HEX, 32),
                () -> "gh" + "p_" + fx.random(ALNUM, 36),
                () -> "postgres://app:",
                () -> "@db.internal/x",
                () -> "https://hooks.slack.com/services/T" + fx.random(UPPER + DIGITS, 10) + "/B"
                        + fx.random(UPPER + DIGITS, 10) + "/" + fx.random(ALNUM, 24),
                () -> "and then some prose. ".repeat(1 + random.nextInt(20)));
        return HoldProperty.composed(random, pieces, count, 10);
    }

    @Test
    void aPlainWordThatPunctuationEndedIsReleasedAtOnce() {
        assertThat(held("Hello!")).isEmpty();
        assertThat(held("Sure, yes,")).isEmpty();
        assertThat(held("Your token SG.")).isEqualTo("SG.");
        assertThat(held("mysql -p Hello!")).endsWith("Hello!");
        assertThat(held("the value was abc12!")).isEqualTo("abc12!");
    }
}
