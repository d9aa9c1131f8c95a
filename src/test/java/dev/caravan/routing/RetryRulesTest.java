package dev.caravan.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryRulesTest {
    static final Duration CAP = Duration.ofSeconds(2);
    static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    static Function<String, String> headers(Map<String, String> values) {
        return values::get;
    }

    static String httpDate(long epochMillis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void timeoutsRateLimitsAndServerErrorsAreRetried(int status) {
        assertThat(RetryRules.retryable(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 401, 403, 404, 422})
    void successesAndOtherClientErrorsAreNotRetried(int status) {
        assertThat(RetryRules.retryable(status)).isFalse();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        Duration wait =
                RetryRules.waitBefore(0, headers(Map.of("retry-after-ms", "750", "retry-after", "1")), CAP, NOW);

        assertThat(wait).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void retryAfterInWholeSecondsIsHonoured() {
        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after", "1")), CAP, NOW))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterInFractionalSecondsIsHonoured() {
        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after", "1.5")), CAP, NOW))
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterAsAnHttpDateIsCountedFromTheGivenNow() {
        String inASecond = httpDate(NOW + 1_000);

        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after", inASecond)), CAP, NOW))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anHttpDateInThePastMeansRetryAtOnce() {
        String aMinuteAgo = httpDate(NOW - 60_000);

        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after", aMinuteAgo)), CAP, NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void askingForLongerThanTheCapMeansMoveOnToTheNextTarget() {
        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after", "30")), CAP, NOW))
                .isNull();
        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after-ms", "2001")), CAP, NOW))
                .isNull();
        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after", httpDate(NOW + 60_000))), CAP, NOW))
                .isNull();
    }

    @Test
    void askingForExactlyTheCapIsWaitedFor() {
        assertThat(RetryRules.waitBefore(0, headers(Map.of("retry-after-ms", "2000")), CAP, NOW))
                .isEqualTo(CAP);
    }

    @Test
    void withoutAHeaderTheBackoffIsPositiveAndNeverOverTheCap() {
        for (int retry = 0; retry < 12; retry++) {
            for (int i = 0; i < 200; i++) {
                Duration wait = RetryRules.waitBefore(retry, headers(Map.of()), CAP, NOW);

                assertThat(wait).isNotNull().isPositive().isLessThanOrEqualTo(CAP);
            }
        }
    }

    @Test
    void theBackoffGrowsWithTheRetry() {
        Duration cap = Duration.ofMinutes(1);

        Duration first = RetryRules.waitBefore(0, headers(Map.of()), cap, NOW);
        Duration fourth = RetryRules.waitBefore(3, headers(Map.of()), cap, NOW);

        // ceilings 25 ms and 200 ms, each drawn from its upper half
        assertThat(first).isBetween(Duration.ofMillis(12), Duration.ofMillis(25));
        assertThat(fourth).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aSmallCapBoundsTheBackoff() {
        Duration cap = Duration.ofMillis(10);

        assertThat(RetryRules.waitBefore(6, headers(Map.of()), cap, NOW)).isEqualTo(cap);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "  ", "Tuesday", "1s"})
    void anUnreadableRetryAfterFallsBackToTheBackoff(String value) {
        Duration wait = RetryRules.waitBefore(0, headers(Map.of("retry-after", value)), CAP, NOW);

        assertThat(wait).isBetween(Duration.ofMillis(12), Duration.ofMillis(25));
    }

    @Test
    void anUnreadableRetryAfterMsFallsBackToRetryAfter() {
        Duration wait =
                RetryRules.waitBefore(0, headers(Map.of("retry-after-ms", "later", "retry-after", "1")), CAP, NOW);

        assertThat(wait).isEqualTo(Duration.ofSeconds(1));
    }
}
