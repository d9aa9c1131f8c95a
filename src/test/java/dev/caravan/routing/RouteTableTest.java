package dev.caravan.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caravan.config.CaravanFile;
import dev.caravan.config.ConfigException;
import dev.caravan.config.RoutingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteTableTest {
    static final UpstreamAddressGuard GUARD = new UpstreamAddressGuard(true, Set.of());
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "caravan", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    RouteTable load(String yaml, Map<String, String> env) throws Exception {
        CaravanFile file = CaravanFile.load(write(yaml));
        return RouteTable.load(file, UpstreamCatalog.load(file, env, GUARD), env, DEFAULT_TIMEOUT);
    }

    RouteTable load(String yaml) throws Exception {
        return load(yaml, Map.of());
    }

    AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String yaml) throws Exception {
        Path path = write(yaml);
        return assertThatThrownBy(() -> {
                    CaravanFile file = CaravanFile.load(path);
                    RouteTable.load(file, UpstreamCatalog.load(file, Map.of(), GUARD), Map.of(), DEFAULT_TIMEOUT);
                })
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void aFullRouteIsReadWithEverySetting() throws Exception {
        RouteTable table = load(
                """
                upstreams:
                  team-vllm:
                    baseUrl: http://10.0.0.5:8000/v1
                routes:
                  - alias: smart
                    strategy: weighted
                    retryCount: 2
                    timeoutMs: 20000
                    firstTokenTimeoutMs: 4000
                    cacheTtlSeconds: 300
                    targets:
                      - upstream: openai
                        model: gpt-4o
                        weight: 3
                        headers:
                          OpenAI-Organization: org-42
                      - upstream: team-vllm
                        model: llama-3-70b
                """);

        Route route = table.find("smart").orElseThrow();

        assertThat(table.size()).isEqualTo(1);
        assertThat(route.alias()).isEqualTo("smart");
        assertThat(route.strategy()).isEqualTo(Strategy.WEIGHTED);
        assertThat(route.retryCount()).isEqualTo(2);
        assertThat(route.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(route.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(route.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(route.direct()).isFalse();
        assertThat(route.targets()).hasSize(2);
        Target first = route.targets().get(0);
        assertThat(first.model()).isEqualTo("gpt-4o");
        assertThat(first.weight()).isEqualTo(3);
        assertThat(first.headers()).containsExactly(Map.entry("openai-organization", "org-42"));
        Target second = route.targets().get(1);
        assertThat(second.upstream().baseUri()).hasToString("http://10.0.0.5:8000/v1");
        assertThat(second.model()).isEqualTo("llama-3-70b");
        assertThat(second.weight()).isEqualTo(1);
        assertThat(second.headers()).isEmpty();
    }

    @Test
    void unsetSettingsTakeTheirDefaults() throws Exception {
        Route route =
                load("""
                routes:
                  - alias: plain
                    targets:
                      - upstream: openai
                        model: gpt-4o-mini
                """)
                        .find("plain")
                        .orElseThrow();

        assertThat(route.strategy()).isEqualTo(Strategy.FAILOVER);
        assertThat(route.retryCount()).isZero();
        assertThat(route.timeout()).isEqualTo(DEFAULT_TIMEOUT);
        assertThat(route.firstTokenTimeout()).isEqualTo(DEFAULT_TIMEOUT);
        assertThat(route.cacheTtl()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theFirstTokenTimeoutIsCappedAtTheRouteTimeout() throws Exception {
        Route route =
                load("""
                routes:
                  - alias: quick
                    timeoutMs: 5000
                    firstTokenTimeoutMs: 60000
                    targets:
                      - upstream: openai
                        model: gpt-4o-mini
                """)
                        .find("quick")
                        .orElseThrow();

        assertThat(route.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aTargetNamingAPresetGetsThePresetsBaseUrl() throws Exception {
        Route route =
                load("""
                routes:
                  - alias: gpt
                    targets:
                      - upstream: openai
                        model: gpt-4o
                      - upstream: https://llm.internal.example/v1/
                        model: local
                """)
                        .find("gpt")
                        .orElseThrow();

        assertThat(route.targets().get(0).upstream().baseUri()).hasToString("https://api.openai.com/v1");
        assertThat(route.targets().get(0).upstream().name()).isEqualTo("openai");
        assertThat(route.targets().get(1).upstream().baseUri()).hasToString("https://llm.internal.example/v1");
    }

    @Test
    void aCredentialSetInTheEnvironmentBindsToItsTarget() throws Exception {
        Route route = load(
                        """
                routes:
                  - alias: gpt
                    targets:
                      - upstream: openai
                        model: gpt-4o
                        credential: ${env:TEAM_A_KEY}
                      - upstream: openai
                        model: gpt-4o-mini
                """,
                        Map.of("TEAM_A_KEY", "sk-team-a"))
                .find("gpt")
                .orElseThrow();

        assertThat(route.targets()
                        .get(0)
                        .upstream()
                        .storedCredential()
                        .orElseThrow()
                        .reveal())
                .isEqualTo("sk-team-a");
        assertThat(route.targets().get(1).upstream().storedCredential()).isEmpty();
    }

    @Test
    void aCredentialNamingAnUnsetVariableMeansNone() throws Exception {
        Route route =
                load("""
                routes:
                  - alias: gpt
                    targets:
                      - upstream: openai
                        model: gpt-4o
                        credential: ${env:NOT_SET_ANYWHERE}
                """)
                        .find("gpt")
                        .orElseThrow();

        assertThat(route.targets().get(0).upstream().storedCredential()).isEmpty();
    }

    /** A target whose own credential names an unset variable gets no stored key, never the preset's. */
    @Test
    void aTargetsUnsetCredentialDoesNotFallBackToThePresetsKey() throws Exception {
        Route route = load(
                        """
                routes:
                  - alias: gpt
                    targets:
                      - upstream: openai
                        model: gpt-4o
                        credential: ${env:TEAM_B_KEY}
                """,
                        Map.of("OPENAI_API_KEY", "sk-shared-default"))
                .find("gpt")
                .orElseThrow();

        assertThat(route.targets().get(0).upstream().storedCredential()).isEmpty();
    }

    @Test
    void twoKeysForOneProviderAreTwoWeightedTargetsWithDistinctIds() throws Exception {
        Route route = load(
                        """
                routes:
                  - alias: pool
                    strategy: weighted
                    targets:
                      - upstream: openai
                        model: gpt-4o
                        credential: ${env:KEY_ONE}
                        weight: 2
                      - upstream: openai
                        model: gpt-4o
                        credential: ${env:KEY_TWO}
                        weight: 1
                """,
                        Map.of("KEY_ONE", "sk-one", "KEY_TWO", "sk-two"))
                .find("pool")
                .orElseThrow();

        Target one = route.targets().get(0);
        Target two = route.targets().get(1);
        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(one.upstream().storedCredential().orElseThrow().reveal()).isEqualTo("sk-one");
        assertThat(two.upstream().storedCredential().orElseThrow().reveal()).isEqualTo("sk-two");
        assertThat(one.weight()).isEqualTo(2);
        assertThat(two.weight()).isEqualTo(1);
    }

    @Test
    void routesAreFoundByAliasAndListedInAliasOrder() throws Exception {
        RouteTable table = load(
                """
                routes:
                  - alias: zeta
                    targets:
                      - upstream: openai
                        model: gpt-4o
                  - alias: alpha
                    targets:
                      - upstream: groq
                        model: llama-3.1-8b-instant
                """);

        assertThat(table.routes()).extracting(Route::alias).containsExactly("alpha", "zeta");
        assertThat(table.find("gpt-4o")).isEmpty();
        assertThat(table.find(null)).isEmpty();
    }

    @Test
    void anUnknownStrategyStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: fast
                    strategy: fastest
                    targets:
                      - upstream: openai
                        model: gpt-4o
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown strategy 'fastest'");
    }

    @Test
    void aDuplicateAliasStopsTheBootNamingALine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: twice
                    targets:
                      - upstream: openai
                        model: gpt-4o
                  - alias: twice
                    targets:
                      - upstream: groq
                        model: llama-3.1-8b-instant
                """)
                .hasMessageMatching("(?s).* line [1-9][0-9]*: .*")
                .hasMessageContaining("'twice'")
                .hasMessageContaining("declared twice");
    }

    /** A message about a repeated alias names the line of that declaration, not the first. */
    @Test
    void aDuplicateAliasIsReportedAtItsSecondDeclaration() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: twice
                    targets:
                      - upstream: openai
                        model: gpt-4o
                  - alias: twice
                    targets:
                      - upstream: groq
                        model: llama-3.1-8b-instant
                """)
                .hasMessageContaining("line 6")
                .hasMessageContaining("declared twice");
    }

    /** An alias line with a trailing comment is still found. */
    @Test
    void anAliasFollowedByACommentIsStillNamedByItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: fast   # the quick one
                    strategy: fastest
                    targets:
                      - upstream: openai
                        model: gpt-4o
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown strategy");
    }

    @Test
    void aRouteWithoutAnAliasStopsTheBootNamingTheRoutesSectionAndItsIndex() throws Exception {
        assertRefused(
                        """
                routes:
                  - strategy: weighted
                    targets:
                      - upstream: openai
                        model: gpt-4o
                """)
                .hasMessageContaining("line 1: routes[0]")
                .hasMessageContaining("needs an alias");
    }

    @Test
    void aRouteWithoutTargetsStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                upstreams: {}
                routes:
                  - alias: empty
                    strategy: failover
                    targets: []
                """)
                .hasMessageContaining("line 3")
                .hasMessageContaining("at least one target");
    }

    @Test
    void aTargetWithoutAModelStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: nomodel
                    targets:
                      - upstream: openai
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("targets[0]")
                .hasMessageContaining("needs the model");
    }

    @Test
    void anUnknownUpstreamNameStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: lost
                    targets:
                      - upstream: openai
                        model: gpt-4o
                      - upstream: nowhere
                        model: gpt-4o
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("targets[1]")
                .hasMessageContaining("no upstream 'nowhere'");
    }

    @Test
    void anthropicAndGeminiTargetsAreTranslatedAndSayWhichApiTheySpeak() throws Exception {
        RouteTable table = load(
                """
                routes:
                  - alias: mixed
                    targets:
                      - { upstream: "https://api.anthropic.com", api: anthropic, model: claude-sonnet-4 }
                      - { upstream: "https://generativelanguage.googleapis.com", api: Gemini, model: gemini-2.0-flash }
                      - { upstream: openai, model: gpt-4o-mini }
                """);
        assertThat(table.find("mixed").orElseThrow().targets())
                .extracting(Target::api)
                .containsExactly("anthropic", "gemini", "openai");
    }

    @Test
    void aBedrockTargetIsTranslatedAndKeepsItsRegionHeader() throws Exception {
        RouteTable table = load(
                """
                routes:
                  - alias: claude
                    targets:
                      - upstream: https://bedrock-runtime.us-east-1.amazonaws.com
                        api: bedrock
                        model: anthropic.claude-3-haiku
                        headers: { x-caravan-aws-region: us-east-1 }
                """);
        Target target = table.find("claude").orElseThrow().targets().get(0);
        assertThat(target.api()).isEqualTo("bedrock");
        assertThat(target.headers()).containsEntry("x-caravan-aws-region", "us-east-1");
    }

    @Test
    void aBedrockTargetWithoutARegionStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: ok
                    targets:
                      - { upstream: "https://bedrock-runtime.eu-west-3.amazonaws.com", api: bedrock, model: m }
                  - alias: vpc
                    targets:
                      - upstream: https://vpce-0abc.bedrock-runtime.vpce.amazonaws.com
                        api: bedrock
                        model: anthropic.claude-3-haiku
                """)
                .hasMessageContaining("line 5")
                .hasMessageContaining("targets[0]")
                .hasMessageContaining("needs its region");
        assertRefused(
                        """
                routes:
                  - alias: typo
                    targets:
                      - upstream: https://bedrock-runtime.us-east-1.amazonaws.com
                        api: bedrock
                        model: anthropic.claude-3-haiku
                        headers: { x-caravan-aws-region: "us east 1" }
                """)
                .hasMessageContaining("needs its region");
    }

    @Test
    void aWeightOfZeroStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: weightless
                    strategy: weighted
                    targets:
                      - upstream: openai
                        model: gpt-4o
                        weight: 0
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("weight must be between 1 and 1000000, was 0");
    }

    @Test
    void aNegativeRetryCountStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: stubborn
                    retryCount: -1
                    targets:
                      - upstream: openai
                        model: gpt-4o
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("retryCount must be between 0 and 10, was -1");
    }

    @Test
    void aReservedHeaderStopsTheBootNamingItsLine() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: sneaky
                    targets:
                      - upstream: openai
                        model: gpt-4o
                        headers:
                          Authorization: Bearer sk-literal
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'authorization'")
                .hasMessageContaining("credential")
                .hasMessageNotContaining("sk-literal");
    }

    @Test
    void anUnknownKeyInsideARouteIsRefusedByTheFileItselfNamingItsLine() throws Exception {
        Path path = write(
                """
                routes:
                  - alias: typo
                    retries: 3
                    targets:
                      - upstream: openai
                        model: gpt-4o
                """);

        assertThatThrownBy(() -> CaravanFile.load(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("unknown key")
                .hasMessageContaining("retries");
    }

    @Test
    void aRoutesOwnBreakerSectionIsLaidOverTheGatewaysPolicy() throws Exception {
        RouteTable table = load(
                """
                routes:
                  - alias: tuned
                    breaker: { consecutiveFailures: 2, openMs: 5000 }
                    targets:
                      - { upstream: openai, model: gpt-4o-mini }
                  - alias: untuned
                    targets:
                      - { upstream: openai, model: gpt-4o-mini }
                """);

        BreakerPolicy tuned = table.find("tuned").orElseThrow().targets().get(0).breaker();
        assertThat(tuned.consecutiveFailures()).isEqualTo(2);
        assertThat(tuned.open()).isEqualTo(Duration.ofSeconds(5));
        assertThat(tuned.failureRate()).isEqualTo(RoutingSettings.DEFAULTS.breakerFailureRate());
        assertThat(tuned.enabled()).isTrue();
        assertThat(table.find("untuned").orElseThrow().targets().get(0).breaker())
                .isNull();
    }

    @Test
    void aBadBreakerSettingStopsTheBootNamingItsRoute() throws Exception {
        assertRefused(
                        """
                routes:
                  - alias: tuned
                    breaker: { failureRate: 0 }
                    targets:
                      - { upstream: openai, model: gpt-4o-mini }
                """)
                .hasMessageContaining("line 2")
                .hasMessageContaining("breaker.failureRate");
    }
}
