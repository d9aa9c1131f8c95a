package dev.caravan.guardrails.secrets;

import static dev.caravan.guardrails.secrets.Fixtures.ALNUM;
import static dev.caravan.guardrails.secrets.Fixtures.BASE64;
import static dev.caravan.guardrails.secrets.Fixtures.BASE64URL;
import static dev.caravan.guardrails.secrets.Fixtures.DIGITS;
import static dev.caravan.guardrails.secrets.Fixtures.HEX;
import static dev.caravan.guardrails.secrets.Fixtures.UPPER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class VendorTokenTest {
    private final Fixtures fx = new Fixtures(7);

    private static final String OPENAI_MARKER = "T3Blbk" + "FJ";

    @Test
    void awsKeyPairIsReportedAsTwoSpans() {
        String id = "AK" + "IA" + fx.random(UPPER + "234567", 16);
        String secret = fx.random(BASE64, 40);
        String text = "[default]\naws_access_key_id = " + id + "\naws_secret_access_key = " + secret + "\n";
        List<Finding> found = fx.flagged(text);
        assertThat(found).extracting(f -> Fixtures.spanText(text, f)).containsExactly(id, secret);
        assertThat(found).allMatch(f -> f.score() >= 0.9);
    }

    @Test
    void awsSecretIsPairedWithTheKeyIdInProse() {
        String id = "AS" + "IA" + fx.random(UPPER + DIGITS, 16);
        String secret = fx.random(BASE64, 40);
        String text = "The role gave me AccessKeyId " + id + " and SecretAccessKey " + secret + ", is that enough?";
        assertThat(fx.covers(text, id)).isTrue();
        assertThat(fx.covers(text, secret)).isTrue();
    }

    @Test
    void anAzureDevOpsTokenIsReportedOnlyAfterAWordNamingAzureOrAdo() {
        String pat = fx.random("abcdefghijklmnopqrstuvwxyz", 26)
                + fx.random("234567", 1)
                + fx.random("abcdefghijklmnopqrstuvwxyz234567", 25);
        assertThat(fx.covers("I set AZURE_DEVOPS_PAT to " + pat + " and still get a 401.", pat))
                .isTrue();
        assertThat(fx.covers("ado token: " + pat, pat)).isTrue();
        assertThat(fx.flagged("token " + pat)).isEmpty();
        assertThat(fx.flagged("azure sample " + fx.random("abcdefghijklmnopqrstuvwxyz", 52)))
                .isEmpty();
    }

    @Test
    void awsDocumentedExampleKeysAreIgnored() {
        String text = "aws_access_key_id = AKIA" + "IOSFODNN7" + "EXAMPLE\naws_secret_access_key = "
                + "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY";
        assertThat(fx.flagged(text)).isEmpty();
    }

    @Test
    void openAiProjectKeyIsReported() {
        String key = "sk-" + "proj-" + fx.random(BASE64URL, 60) + OPENAI_MARKER + fx.random(BASE64URL, 60);
        String text = "OPENAI_API_KEY=" + key + "\n";
        assertThat(fx.covers(text, key)).isTrue();
        assertThat(fx.flagged(text).get(0).score()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void openAiLegacyAndServiceAccountKeysAreReported() {
        String legacy = "sk-" + fx.random(ALNUM, 20) + OPENAI_MARKER + fx.random(ALNUM, 20);
        String service = "sk-" + "svcacct-" + fx.random(BASE64URL, 50) + OPENAI_MARKER + fx.random(BASE64URL, 50);
        String admin = "sk-" + "admin-" + fx.random(BASE64URL, 50) + OPENAI_MARKER + fx.random(BASE64URL, 50);
        for (String key : List.of(legacy, service, admin)) {
            assertThat(fx.covers("client = OpenAI(api_key=\"" + key + "\")", key))
                    .as(key)
                    .isTrue();
        }
    }

    @Test
    void maskedOrTruncatedOpenAiKeysAreIgnored() {
        assertThat(fx.flagged("my key is sk-...a1B2, and the new one starts with sk-proj- too"))
                .isEmpty();
        assertThat(fx.flagged("token sk-proj-****************************Zq9")).isEmpty();
    }

    @Test
    void anthropicKeysAreReported() {
        String api = "sk-" + "ant-api03-" + fx.random(BASE64URL, 93) + "AA";
        String admin = "sk-" + "ant-admin01-" + fx.random(BASE64URL, 93) + "AA";
        assertThat(fx.covers("ANTHROPIC_API_KEY: " + api, api)).isTrue();
        assertThat(fx.covers("key " + admin + " leaked", admin)).isTrue();
    }

    @Test
    void anthropicPlaceholderIsIgnored() {
        assertThat(fx.flagged("export ANTHROPIC_API_KEY=sk-ant-api03-" + "x".repeat(90)))
                .isEmpty();
        assertThat(fx.flagged("ANTHROPIC_API_KEY=sk-ant-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
                .isEmpty();
    }

    @Test
    void githubTokensAreReported() {
        for (String prefix : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
            String token = prefix + fx.random(ALNUM, 36);
            assertThat(fx.covers("git remote set-url origin with " + token + " please", token))
                    .as(prefix)
                    .isTrue();
        }
        String fine = "github_" + "pat_" + fx.random(ALNUM, 22) + "_" + fx.random(ALNUM, 59);
        assertThat(fx.covers("GH_TOKEN=" + fine, fine)).isTrue();
    }

    @Test
    void githubPlaceholdersAndMasksAreIgnored() {
        assertThat(fx.flagged("GITHUB_TOKEN=ghp_REPLACE_ME")).isEmpty();
        assertThat(fx.flagged("audit: token=ghp_****************************a9Zt"))
                .isEmpty();
    }

    @Test
    void gitlabTokensAreReported() {
        String pat = "glpat-" + fx.random(BASE64URL, 20);
        String deploy = "gldt-" + fx.random(BASE64URL, 20);
        assertThat(fx.covers("GITLAB_TOKEN: " + pat, pat)).isTrue();
        assertThat(fx.covers("deploy with " + deploy, deploy)).isTrue();
    }

    @Test
    void gitlabPrefixWithoutBodyIsIgnored() {
        assertThat(fx.flagged("Do GitLab tokens always start with glpat- or also gldt-?"))
                .isEmpty();
    }

    @Test
    void slackTokensAreReported() {
        String bot = "xox" + "b-" + fx.random(DIGITS, 12) + "-" + fx.random(DIGITS, 13) + "-" + fx.random(ALNUM, 24);
        String app = "xa" + "pp-1-A" + fx.random(UPPER + DIGITS, 10) + "-" + fx.random(DIGITS, 13) + "-"
                + fx.random(HEX, 64);
        assertThat(fx.covers("SLACK_BOT_TOKEN=" + bot, bot)).isTrue();
        assertThat(fx.covers("app token " + app, app)).isTrue();
    }

    @Test
    void slackDocumentationTokenIsIgnored() {
        assertThat(fx.flagged("The docs use xoxb-not-a-real-token-this-will-not-work as a sample."))
                .isEmpty();
        assertThat(fx.flagged("Tokens starting with xoxb- are bot tokens and xoxp- are user tokens."))
                .isEmpty();
    }

    @Test
    void slackWebhookIsReportedAsAWholeUrl() {
        String url = "https://hooks.slack.com/services/T" + fx.random(UPPER + DIGITS, 10) + "/B"
                + fx.random(UPPER + DIGITS, 10) + "/" + fx.random(ALNUM, 24);
        String text = "webhook_url = " + url + "\n";
        assertThat(fx.flagged(text)).extracting(f -> Fixtures.spanText(text, f)).containsExactly(url);
    }

    @Test
    void slackWebhookFullOfXIsIgnored() {
        assertThat(fx.flagged("url: https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"))
                .isEmpty();
    }

    @Test
    void stripeLiveKeysScoreHighAndTestKeysLower() {
        String live = "sk_" + "live_" + fx.random(ALNUM, 99);
        String restricted = "rk_" + "live_" + fx.random(ALNUM, 99);
        String test = "sk_" + "test_" + fx.random(ALNUM, 99);
        assertThat(fx.flagged("key=" + live).get(0).score()).isGreaterThanOrEqualTo(0.9);
        assertThat(fx.covers("Bearer " + restricted, restricted)).isTrue();
        double testScore = fx.scan("stripe test " + test).get(0).score();
        assertThat(testScore).isGreaterThanOrEqualTo(0.5).isLessThan(0.9);
    }

    @Test
    void stripePublishableAndPlaceholderKeysAreIgnored() {
        assertThat(fx.flagged("publishableKey: 'pk_" + "live_" + fx.random(ALNUM, 99) + "'"))
                .isEmpty();
        assertThat(fx.flagged("STRIPE_KEY=sk_live_" + "X".repeat(99))).isEmpty();
    }

    @Test
    void googleApiKeyIsReported() {
        String key = "AI" + "za" + fx.random(BASE64URL, 35);
        assertThat(fx.covers("maps.googleapis.com/maps/api/js?key=" + key, key)).isTrue();
    }

    @Test
    void googleSampleKeyWithKeyboardRunsIsIgnored() {
        assertThat(fx.flagged("apiKey: \"AIzaSyAbC123dEf456GhI789jKl012mNoPqR345\""))
                .isEmpty();
    }

    @Test
    void azureStorageAccountKeyIsReported() {
        String key = fx.random(BASE64, 86) + "==";
        String text = "DefaultEndpointsProtocol=https;AccountName=media;AccountKey=" + key
                + ";EndpointSuffix=core.windows.net";
        assertThat(fx.covers(text, key)).isTrue();
        assertThat(fx.flagged(text).get(0).score()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void azureAccountKeyPlaceholderIsIgnored() {
        assertThat(fx.flagged("AccountName=media;AccountKey=<storage-account-key>;EndpointSuffix=core.windows.net"))
                .isEmpty();
    }

    @Test
    void twilioApiKeyAndAccountWithAuthTokenAreReported() {
        String apiKey = "S" + "K" + fx.random(HEX, 32);
        assertThat(fx.covers("twilio_api_key: " + apiKey, apiKey)).isTrue();
        String sid = "A" + "C" + fx.random(HEX, 32);
        String token = fx.random(HEX, 32);
        String text = "client = Client(\"" + sid + "\", \"" + token + "\")";
        assertThat(fx.covers(text, sid)).isTrue();
        assertThat(fx.covers(text, token)).isTrue();
    }

    @Test
    void twilioAccountSidAloneIsIgnored() {
        assertThat(fx.flagged("Our account SID is A" + "C" + fx.random(HEX, 32) + ", where do I find the token?"))
                .isEmpty();
    }

    @Test
    void vendorTokensWithFixedShapesAreReported() {
        List<String> tokens = List.of(
                "S" + "G." + fx.random(BASE64URL, 22) + "." + fx.random(BASE64URL, 43),
                "np" + "m_" + fx.random(ALNUM, 36),
                "py" + "pi-AgEIcHlwaS5vcmc" + fx.random(BASE64URL, 70),
                "h" + "f_" + fx.random(ALNUM, 34),
                "do" + "p_v1_" + fx.random(HEX, 64),
                "do" + "o_v1_" + fx.random(HEX, 64),
                "sh" + "pat_" + fx.random(HEX, 32),
                "sh" + "pss_" + fx.random(HEX, 32),
                "da" + "pi" + fx.random(HEX, 32),
                "hv" + "s." + fx.random(BASE64URL, 90),
                "hv" + "b." + fx.random(BASE64URL, 120),
                "se" + "cret_" + fx.random(ALNUM, 43),
                "nt" + "n_" + fx.random(DIGITS, 11) + fx.random(ALNUM, 35),
                fx.random(DIGITS, 10) + ":A" + fx.random(BASE64URL, 34),
                "wh" + "sec_" + fx.random(ALNUM, 32),
                "GOC" + "SPX-" + fx.random(BASE64URL, 28),
                "AGE-SECRET" + "-KEY-1" + fx.random(UPPER + DIGITS, 58));
        for (String token : tokens) {
            String text = "Why does the client reject \"" + token + "\" with 401?";
            assertThat(fx.covers(text, token)).as(token).isTrue();
            assertThat(fx.flagged(text).get(0).score()).as(token).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void vendorPrefixesWithTooShortOrDummyBodiesAreIgnored() {
        List<String> texts = List.of(
                "npm_ tokens are 36 characters long",
                "hf_" + "a".repeat(34),
                "dop_v1_" + "0".repeat(64),
                "shpat_" + "1234567890abcdef".repeat(2),
                "hvs.CAESIJ...truncated",
                "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        for (String text : texts) {
            assertThat(fx.flagged(text)).as(text).isEmpty();
        }
    }

    @Test
    void documentedPrefixesOfAiAndDeveloperPlatformsAreReportedInProse() {
        String lowerHex = HEX;
        List<String> tokens = List.of(
                "sk-" + "or-v1-" + fx.random(lowerHex, 64),
                "pp" + "lx-" + fx.random(ALNUM, 48),
                "r8" + "_" + fx.random(ALNUM, 37),
                "ls" + "v2_pt_" + fx.random(lowerHex, 32) + "_" + fx.random(lowerHex, 10),
                "ya" + "29." + fx.random(BASE64URL, 120),
                "dp" + ".pt." + fx.random(ALNUM, 43),
                "dc" + "kr_pat_" + fx.random(BASE64URL, 27),
                "ru" + "bygems_" + fx.random(lowerHex, 48),
                "NR" + "AK-" + fx.random(UPPER + DIGITS, 27),
                "PM" + "AK-" + fx.random(lowerHex, 24) + "-" + fx.random(lowerHex, 34),
                "xk" + "eysib-" + fx.random(lowerHex, 64) + "-" + fx.random(ALNUM, 16),
                "LT" + "AI" + fx.random(ALNUM, 20),
                "AK" + "Cp" + fx.random(ALNUM, 69),
                "ke" + "y-" + fx.random(lowerHex, 32));
        for (String token : tokens) {
            String text = "The staging box still uses " + token + " for the nightly job.";
            assertThat(fx.covers(text, token)).as(token).isTrue();
        }
    }

    @Test
    void newPrefixesWithPlaceholderBodiesAreIgnored() {
        List<String> texts = List.of(
                "PPLX_API_KEY=pp" + "lx-" + "x".repeat(48),
                "key-" + "0".repeat(32),
                "docker login -u me -p dc" + "kr_pat_<your-token>",
                "Keep your opinion short; the key is consistency.");
        for (String text : texts) {
            assertThat(fx.flagged(text)).as(text).isEmpty();
        }
    }
}
