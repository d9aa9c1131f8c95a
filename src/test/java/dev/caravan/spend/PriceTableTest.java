package dev.caravan.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Usage;
import dev.caravan.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTableTest {

    private static final PriceTable BUNDLED = PriceTable.bundled();

    /** gpt-4o-mini in the bundled table: $0.15 input, $0.60 output, $0.075 cached input per million tokens. */
    private static Price gpt4oMini() {
        return BUNDLED.find("gpt-4o-mini").orElseThrow();
    }

    private static Usage usage(long prompt, long cached, long completion, long reasoning) {
        return new Usage(prompt, completion, prompt + completion, cached, reasoning);
    }

    @Test
    void theBundledTableHasAtLeastSixtyRowsEachWithAnHttpsSourceAndADate() {
        assertThat(BUNDLED.rows()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(BUNDLED.rows()).allSatisfy(row -> {
            assertThat(row.source()).startsWith("https://");
            assertThat(row.asOf()).isNotNull().isBeforeOrEqualTo(LocalDate.of(2026, 12, 6));
        });
    }

    @Test
    void theBundledTableHasNoDuplicateIdsEvenIgnoringCase() {
        Set<String> ids = BUNDLED.rows().stream()
                .map(row -> row.model().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(BUNDLED.rows().size());
    }

    @Test
    void theBundledTableCoversEveryProviderTheGatewaySpeaksTo() {
        Set<String> providers = BUNDLED.rows().stream().map(Price::provider).collect(Collectors.toSet());
        assertThat(providers)
                .contains(
                        "openai",
                        "anthropic",
                        "google",
                        "mistral",
                        "groq",
                        "together",
                        "fireworks",
                        "deepseek",
                        "xai",
                        "bedrock");
        assertThat(BUNDLED.rows())
                .filteredOn(row -> Set.of("groq", "together", "fireworks").contains(row.provider()))
                .anySatisfy(
                        row -> assertThat(row.model().toLowerCase(Locale.ROOT)).contains("llama"));
    }

    @Test
    void dollarPricesBecomeMicroDollarsPerMillionTokens() {
        Price price = gpt4oMini();
        assertThat(price.inputMicros()).isEqualTo(150_000);
        assertThat(price.outputMicros()).isEqualTo(600_000);
        assertThat(price.cachedInputMicros()).isEqualTo(75_000);
    }

    @Test
    void aCallIsPricedExactlyWithCachedTokensAtTheCachedRate() {
        // 1,034 uncached * 150,000 = 155,100,000; 200 cached * 75,000 = 15,000,000;
        // 567 completion * 600,000 = 340,200,000; sum 510,300,000 / 1,000,000 = 510.3 -> 511 micros.
        assertThat(BUNDLED.costMicros("gpt-4o-mini", usage(1_234, 200, 567, 0))).hasValue(511);
    }

    @Test
    void reasoningTokensAreAlreadyInsideCompletionTokensAndAreNotChargedTwice() {
        assertThat(BUNDLED.costMicros("gpt-4o-mini", usage(1_234, 200, 567, 300)))
                .hasValue(511);
    }

    @Test
    void aFractionOfAMicroDollarIsRoundedUpAndAWholeOneIsNot() {
        assertThat(BUNDLED.costMicros("gpt-4o-mini", usage(1, 0, 0, 0))).hasValue(1);
        assertThat(BUNDLED.costMicros("gpt-4o-mini", usage(1_000_000, 0, 0, 0))).hasValue(150_000);
        assertThat(BUNDLED.costMicros("gpt-4o-mini", usage(1_000_001, 0, 0, 0))).hasValue(150_001);
        assertThat(BUNDLED.costMicros("gpt-4o-mini", usage(0, 0, 0, 0))).hasValue(0);
    }

    @Test
    void cachedTokensCostTheInputPriceWhenTheProviderHasNoCachedPrice() {
        // gpt-4-turbo: $10 input, $30 output, no cached price. 1,000 prompt (400 cached) * 10,000,000 = 10,000 micros.
        assertThat(BUNDLED.find("gpt-4-turbo").orElseThrow().cachedInputMicros())
                .isNull();
        assertThat(BUNDLED.costMicros("gpt-4-turbo", usage(1_000, 400, 0, 0))).hasValue(10_000);
    }

    @Test
    void inconsistentCountsNeverMakeACostNegative() {
        assertThat(BUNDLED.costMicros("gpt-4o-mini", usage(100, 500, 0, 0)))
                .hasValue(8); // all 100 prompt tokens cached: 100 * 75,000 = 7,500,000 -> 7.5 -> 8
        assertThat(BUNDLED.costMicros("gpt-4o-mini", new Usage(-5, -5, 0, -5, 0)))
                .hasValue(0);
    }

    @Test
    void hugeCountsThatOverflowLongIntermediatesAreStillExact() {
        Price opus = BUNDLED.find("claude-opus-4-1").orElseThrow(); // $75 output = 75,000,000 micros per million
        long tokens = 1_000_000_000_000L; // 10^12 * 75,000,000 = 7.5 * 10^19 overflows a long
        assertThat(PriceTable.costMicros(opus, usage(0, 0, tokens, 0))).isEqualTo(75_000_000_000_000L);
    }

    @Test
    void theWorstCaseChargesTheWholePromptAndAllAllowedOutputRoundedUp() {
        // 1,234 * 150,000 = 185,100,000; 1,000 * 600,000 = 600,000,000; 785.1 -> 786 micros.
        assertThat(PriceTable.worstCaseMicros(gpt4oMini(), 1_234, 1_000)).isEqualTo(786);
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-4o-mini, gpt-4o-mini",
        "GPT-4o-Mini, gpt-4o-mini",
        "openai/gpt-4o-mini, gpt-4o-mini",
        "gpt-4o-mini-2024-07-18, gpt-4o-mini",
        "openai/gpt-4o-2024-08-06, gpt-4o",
        "gpt-4o-2024-05-13, gpt-4o-2024-05-13",
        "anthropic/claude-sonnet-4-5, claude-sonnet-4-5",
        "anthropic.claude-3-5-sonnet-20241022-v2:0, anthropic.claude-3-5-sonnet-20241022-v2:0",
        "us.anthropic.claude-3-5-sonnet-20241022-v2:0, anthropic.claude-3-5-sonnet-20241022-v2:0",
        "bedrock/eu.anthropic.claude-3-5-sonnet-20241022-v2:0, anthropic.claude-3-5-sonnet-20241022-v2:0",
        "us.anthropic.claude-opus-4-7, us.anthropic.claude-opus-4-7",
        "eu.anthropic.claude-opus-4-7, anthropic.claude-opus-4-7",
        "groq/llama-3.3-70b-versatile, llama-3.3-70b-versatile",
        "openai/gpt-oss-120b, openai/gpt-oss-120b",
        "together_ai/meta-llama/llama-3.3-70b-instruct-turbo, meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "fireworks_ai/accounts/fireworks/models/llama4-maverick-instruct-basic,"
                + " accounts/fireworks/models/llama4-maverick-instruct-basic",
        "gemini/gemini-2.5-pro, gemini-2.5-pro",
        "xai/grok-4.3, grok-4.3",
        "deepseek/deepseek-chat, deepseek-chat",
    })
    void lookupNormalisesCasePrefixesRegionsAndDatedSnapshots(String asked, String row) {
        assertThat(BUNDLED.find(asked)).map(Price::model).hasValue(row);
    }

    @Test
    void aRegionalBedrockProfileWithItsOwnRowKeepsItsSurcharge() {
        assertThat(BUNDLED.find("us.anthropic.claude-opus-4-7").orElseThrow().inputMicros())
                .isEqualTo(5_500_000);
        assertThat(BUNDLED.find("eu.anthropic.claude-opus-4-7").orElseThrow().inputMicros())
                .isEqualTo(5_000_000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no-such-model",
                "gpt-4o-mini-preview",
                "gpt-4o-mini-20240718",
                "gpt-4o-mini-2024-13-18",
                "acme/gpt-4o-mini",
                "us.gpt-4o-mini",
                " ",
            })
    void anUnknownModelHasNoPriceRatherThanAGuessedOne(String asked) {
        assertThat(BUNDLED.find(asked)).isEmpty();
        assertThat(BUNDLED.costMicros(asked, usage(10, 0, 10, 0))).isEmpty();
    }

    @Test
    void aNullModelHasNoPrice() {
        assertThat(BUNDLED.find(null)).isEmpty();
    }

    @Test
    void overridesReplaceAndExtendTheTableAndChangeItsVersion() {
        Price cheaper = new Price("GPT-4o-mini", "openai", 100_000, 400_000, null, null, null);
        Price local = new Price("my-local-llama", "vllm", 0, 0, null, null, null);

        PriceTable merged = BUNDLED.withOverrides(List.of(cheaper, local));

        assertThat(merged.find("gpt-4o-mini")).hasValue(cheaper);
        assertThat(merged.find("my-local-llama")).hasValue(local);
        assertThat(merged.rows()).hasSize(BUNDLED.rows().size() + 1);
        assertThat(merged.version()).isNotEqualTo(BUNDLED.version()).hasSize(12);
        assertThat(BUNDLED.find("gpt-4o-mini").orElseThrow().inputMicros()).isEqualTo(150_000);
    }

    @Test
    void rebuildingTheSameRowsGivesTheSameVersion() {
        PriceTable sameRows = PriceTable.bundled().withOverrides(List.of());
        assertThat(sameRows.version()).isEqualTo(BUNDLED.version()).matches("[0-9a-f]{12}");
    }

    @Test
    void operatorRowsFromTheConfigurationFileNeedNeitherSourceNorDate() throws Exception {
        var tree = new ObjectMapper()
                .readTree("[{\"model\": \"my-model\", \"provider\": \"vllm\", \"input\": 0.5, \"output\": \"1.25\"}]");

        List<Price> rows = PriceTable.parseOverrides(tree);

        assertThat(rows).containsExactly(new Price("my-model", "vllm", 500_000, 1_250_000, null, null, null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"model\":\"m1\",\"provider\":\"p\",\"input\":\"-1\",\"output\":\"1\",\"source\":\"https://x\",\"as_of\":\"2026-01-01\"} | 'm1' | 'input'",
                "{\"model\":\"m2\",\"provider\":\"p\",\"input\":\"abc\",\"output\":\"1\",\"source\":\"https://x\",\"as_of\":\"2026-01-01\"} | 'm2' | 'input'",
                "{\"model\":\"m3\",\"provider\":\"p\",\"input\":\"1\",\"source\":\"https://x\",\"as_of\":\"2026-01-01\"} | 'm3' | 'output'",
                "{\"model\":\"m4\",\"provider\":\"p\",\"input\":\"1\",\"output\":\"1\",\"as_of\":\"2026-01-01\"} | 'm4' | 'source'",
                "{\"model\":\"m5\",\"provider\":\"p\",\"input\":\"1\",\"output\":\"1\",\"source\":\"https://x\"} | 'm5' | 'as_of'",
                "{\"model\":\"m6\",\"provider\":\"p\",\"input\":\"1\",\"output\":\"1\",\"source\":\"http://x\",\"as_of\":\"2026-01-01\"} | 'm6' | 'source'",
                "{\"model\":\"m7\",\"provider\":\"p\",\"input\":\"1\",\"output\":\"1\",\"source\":\"https://x\",\"as_of\":\"yesterday\"} | 'm7' | 'as_of'",
                "{\"model\":\"m8\",\"provider\":\"p\",\"input\":\"0.0000001\",\"output\":\"1\",\"source\":\"https://x\",\"as_of\":\"2026-01-01\"} | 'm8' | 'input'",
                "{\"model\":\"m9\",\"provider\":\"p\",\"input\":\"1\",\"output\":\"1\",\"cached_input\":\"-0.5\",\"source\":\"https://x\",\"as_of\":\"2026-01-01\"} | 'm9' | 'cached_input'",
                "{\"model\":\"m10\",\"input\":\"1\",\"output\":\"1\",\"source\":\"https://x\",\"as_of\":\"2026-01-01\"} | 'm10' | 'provider'",
            })
    void aBadRowIsRefusedNamingTheModelAndTheField(String row, String model, String field) {
        String json = "{\"models\": [" + row + "]}";

        assertThatThrownBy(() -> PriceTable.parse(stream(json)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(model)
                .hasMessageContaining(field);
    }

    @Test
    void aRowWithoutAModelIdIsRefusedNamingItsPosition() {
        String json = "{\"models\": [{\"provider\":\"p\",\"input\":\"1\",\"output\":\"1\"}]}";

        assertThatThrownBy(() -> PriceTable.parse(stream(json)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("'model'");
    }

    @Test
    void twoRowsForTheSameModelAreRefused() {
        String row = "{\"model\":\"%s\",\"provider\":\"p\",\"input\":\"1\",\"output\":\"1\","
                + "\"source\":\"https://x\",\"as_of\":\"2026-01-01\"}";
        String json = "{\"models\": [" + row.formatted("dup") + "," + row.formatted("DUP") + "]}";

        assertThatThrownBy(() -> PriceTable.parse(stream(json)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'DUP'")
                .hasMessageContaining("more than once");
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
