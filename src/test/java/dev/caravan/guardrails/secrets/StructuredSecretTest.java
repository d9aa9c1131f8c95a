package dev.caravan.guardrails.secrets;

import static dev.caravan.guardrails.secrets.Fixtures.ALNUM;
import static dev.caravan.guardrails.secrets.Fixtures.BASE64;
import static dev.caravan.guardrails.secrets.Fixtures.BASE64URL;
import static dev.caravan.guardrails.secrets.Fixtures.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuredSecretTest {
    private final Fixtures fx = new Fixtures(11);

    private String pemBody(int lines) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            body.append(fx.random(BASE64, 64)).append('\n');
        }
        return body.toString();
    }

    private static String armour(String kind, String body) {
        return "-----BEGIN " + kind + "-----\n" + body + "-----END " + kind + "-----";
    }

    @Test
    void privateKeyBlocksAreReportedWhole() {
        for (String kind : List.of(
                "RSA PRIVATE KEY",
                "EC PRIVATE KEY",
                "PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY",
                "OPENSSH PRIVATE KEY",
                "DSA PRIVATE KEY",
                "PGP PRIVATE KEY BLOCK")) {
            String block = armour(kind, pemBody(6));
            String text = "ssh-add says invalid format for this key:\n" + block + "\nwhat now?";
            assertThat(fx.flagged(text))
                    .as(kind)
                    .extracting(f -> Fixtures.spanText(text, f))
                    .containsExactly(block);
            assertThat(fx.flagged(text).get(0).score()).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void cutPrivateKeyBlockRunsToTheEndOfTheText() {
        String text = "here is the start of it:\n-----BEGIN RSA PRIVATE KEY-----\n" + pemBody(4);
        int start = text.indexOf("-----BEGIN");
        assertThat(fx.flagged(text)).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(text.length());
        });
    }

    @Test
    void publicKeysCertificatesAndRequestsAreIgnored() {
        for (String kind :
                List.of("PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "CERTIFICATE REQUEST", "PGP PUBLIC KEY BLOCK")) {
            assertThat(fx.flagged("Is this safe to share?\n" + armour(kind, pemBody(6))))
                    .as(kind)
                    .isEmpty();
        }
        assertThat(fx.flagged("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + fx.random(BASE64, 43) + " me@laptop"))
                .isEmpty();
    }

    @Test
    void privateKeyPlaceholderBodyIsIgnored() {
        assertThat(fx.flagged("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----"))
                .isEmpty();
    }

    @Test
    void serviceAccountJsonPrivateKeyIsReportedWithItsEscapedNewline() {
        String escaped = armour("PRIVATE KEY", pemBody(8)).replace("\n", "\\n") + "\\n";
        String text = "{\n  \"type\": \"service_account\",\n  \"private_key_id\": \"" + fx.random(HEX, 40)
                + "\",\n  \"private_key\": \"" + escaped
                + "\",\n  \"client_email\": \"x@y.iam.gserviceaccount.com\"\n}";
        assertThat(fx.covers(text, escaped)).isTrue();
    }

    private String jwt(String header, String payload, int signatureLength) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + fx.random(BASE64URL, signatureLength);
    }

    @Test
    void signedJwtIsReported() {
        String token = jwt("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"sub\":\"usr_1\",\"exp\":1714909352}", 86);
        String text = "curl -H 'Authorization: Bearer " + token + "' https://api.internal/v1/me";
        assertThat(fx.covers(text, token)).isTrue();
    }

    @Test
    void malformedOrUnsignedJwtIsIgnored() {
        assertThat(fx.flagged("Is " + jwt("{\"alg\":\"none\"}", "{}", 0) + " ever valid?"))
                .isEmpty();
        assertThat(fx.flagged("eyJub3QiOiJhIGhlYWRlciJ9."
                        + jwt("{\"x\":1}", "{\"a\":1}", 40).substring(3)))
                .isEmpty();
    }

    @Test
    void databaseUrlReportsOnlyThePassword() {
        String password = fx.random(ALNUM, 18);
        for (String scheme : List.of("postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqps")) {
            String text = "DATABASE_URL=" + scheme + "://app:" + password + "@db.internal:5432/prod?sslmode=require";
            assertThat(fx.flagged(text))
                    .as(scheme)
                    .extracting(f -> Fixtures.spanText(text, f))
                    .containsExactly(password);
        }
    }

    @Test
    void databaseUrlWithReferencedOrDefaultPasswordIsIgnored() {
        assertThat(fx.flagged("postgres://app:${DB_PASSWORD}@db:5432/app")).isEmpty();
        assertThat(fx.flagged("postgres://postgres:postgres@localhost:5432/app"))
                .isEmpty();
        assertThat(fx.flagged("mysql://root:<password>@127.0.0.1/shop")).isEmpty();
        assertThat(fx.flagged("ssh git@github.com and mail ops@corp.example")).isEmpty();
    }

    @Test
    void basicAuthUrlReportsThePassword() {
        String password = fx.random(ALNUM, 16);
        String text = "git clone https://deploy-bot:" + password + "@git.internal/infra.git";
        assertThat(fx.covers(text, password)).isTrue();
    }

    @Test
    void jdbcAndDsnPasswordsAreReported() {
        String password = fx.random(ALNUM, 14) + "!";
        String dsn = "Server=tcp:sql.internal,1433;Database=app;User ID=svc;Password=" + password + ";Encrypt=True;";
        String jdbc = "jdbc:postgresql://db:5432/app?user=svc&password=" + password + "&ssl=true";
        assertThat(fx.covers(dsn, password)).isTrue();
        assertThat(fx.covers(jdbc, password)).isTrue();
    }

    @Test
    void curlUserPasswordIsReported() {
        String password = fx.random(ALNUM, 12) + "#1";
        for (String text : List.of(
                "curl -u elastic:" + password + " https://localhost:9200",
                "curl --user \"j.smith:" + password + "\" https://api.corp",
                "curl --user kevin:'" + password + "' -X PATCH https://api.corp")) {
            assertThat(fx.covers(text, password)).as(text).isTrue();
        }
    }

    @Test
    void gluedMysqlPasswordAndPowerShellPlainTextAreReported() {
        String password = fx.random(ALNUM, 12) + "!";
        String mysql = "mysql -h db -u root -p" + password + " shop";
        String powershell = "$s = ConvertTo-SecureString \"" + password + "\" -AsPlainText -Force";
        assertThat(fx.covers(mysql, password)).isTrue();
        assertThat(fx.covers(powershell, password)).isTrue();
    }

    @Test
    void commandLineFlagsWithoutPasswordsAreIgnored() {
        assertThat(fx.flagged("gcc -pthread -pedantic -pipe main.c && ConvertTo-SecureString $pw -AsPlainText"))
                .isEmpty();
        assertThat(fx.flagged("docker run -p 8080:80 -u 1000:1000 nginx")).isEmpty();
        assertThat(fx.flagged("git push -u origin main && docker login -u ci-bot --password-stdin"))
                .isEmpty();
    }

    @Test
    void genericPasswordAssignmentsAreReportedWithMediumScore() {
        String password = fx.random(ALNUM, 14) + "-%";
        for (String text : List.of(
                "DB_PASSWORD=" + password,
                "password: \"" + password + "\"",
                "{\"client_secret\": \"" + password + "\"}",
                "spring.datasource.password=" + password,
                "docker login registry -u ci -p '" + password + "'",
                "$env:API_TOKEN = \"" + password + "\"")) {
            assertThat(fx.covers(text, password)).as(text).isTrue();
            assertThat(fx.flagged(text)).allMatch(f -> f.score() <= 0.85);
        }
    }

    @Test
    void referencesPlaceholdersAndWeakDummiesAreIgnored() {
        List<String> texts = List.of(
                "password=changeme",
                "DB_PASSWORD=${DB_PASSWORD}",
                "password: <your-password>",
                "password = \"********\"",
                "token = os.environ[\"GITHUB_TOKEN\"]",
                "apiKey: process.env.GOOGLE_MAPS_KEY",
                "api_key = \"test\"",
                "secret: 0000000000000000000000000000000000000000",
                "CO_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "export AWS_SECRET_ACCESS_KEY=your-secret-key-here",
                "Authorization: Bearer {{API_TOKEN}}",
                "PGPASSWORD=$(cat /run/secrets/db_password) psql",
                "token: GITHUB_TOKEN",
                "password_hash = \"" + fx.random(HEX, 64) + "\"",
                "max_tokens: 4096, api_key_id: 42");
        for (String text : texts) {
            assertThat(fx.flagged(text)).as(text).isEmpty();
        }
    }

    @Test
    void assignedValuesThatAVendorRuleRejectedAreNotReportedAsGenericSecrets() {
        List<String> texts = List.of(
                "OPENAI_API_KEY=sk-proj-abc123def456",
                "stripe_key: pk_" + "live_" + fx.random(ALNUM, 99),
                "token: eyJhbGciOiJIUzI1NiJ9.e30.",
                "client_secret = client_secret_value",
                "apiKey = ApiKeyProviderFactory");
        for (String text : texts) {
            assertThat(fx.flagged(text)).as(text).isEmpty();
        }
    }

    @Test
    void basicAuthHeaderIsJudgedByItsDecodedPassword() {
        Base64.Encoder b64 = Base64.getEncoder();
        String real = b64.encodeToString(("svc:" + fx.random(ALNUM, 16)).getBytes(StandardCharsets.UTF_8));
        String dummy = b64.encodeToString("user:password".getBytes(StandardCharsets.UTF_8));
        assertThat(fx.covers("Authorization: Basic " + real, real)).isTrue();
        assertThat(fx.flagged("Authorization: Basic " + dummy)).isEmpty();
    }

    @Test
    void passwordsUnderNonEnglishNamesAreReported() {
        String password = fx.random(ALNUM, 12) + "!";
        assertThat(fx.covers("Passwort: " + password, password)).isTrue();
        assertThat(fx.covers("senha=" + password, password)).isTrue();
    }

    @Test
    void hashesIdsAndHarmlessEncodingsAreIgnored() {
        List<String> texts = List.of(
                "<script integrity=\"sha256-" + fx.random(BASE64, 43) + "=\"></script>",
                "sha256sum: " + fx.random(HEX, 64),
                "commit " + fx.random(HEX, 40) + " fixed it",
                "bcrypt $2b$12$" + fx.random(BASE64, 53),
                "request id 6f1c2a9e-3b47-4d8a-9e0f-71b2c4d5a6e8 and trace " + fx.random(HEX, 32),
                "decode this: "
                        + Base64.getEncoder()
                                .encodeToString("hello world, nothing secret here".getBytes(StandardCharsets.UTF_8)),
                "How long is an AWS secret access key, and what does an AKIA prefix mean?");
        for (String text : texts) {
            assertThat(fx.flagged(text)).as(text).isEmpty();
        }
    }
}
