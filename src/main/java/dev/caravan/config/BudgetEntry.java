package dev.caravan.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One budget of the config file's {@code budgets} section as written: whose, over which period, how much. */
public record BudgetEntry(
        @JsonProperty("workspace") String workspace,
        @JsonProperty("key") String key,
        @JsonProperty("period") String period,
        @JsonProperty("limitUsd") String limitUsd,
        @JsonProperty("softUsd") String softUsd) {}
