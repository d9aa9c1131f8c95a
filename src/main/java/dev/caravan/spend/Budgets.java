package dev.caravan.spend;

import dev.caravan.config.BudgetEntry;
import dev.caravan.config.ConfigException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the config file's {@code budgets} section into budgets, refusing a bad one with its line. */
public final class Budgets {
    private Budgets() {}

    public static List<Budget> of(List<BudgetEntry> entries, Function<String, String> where) {
        List<Budget> budgets = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BudgetEntry entry = entries.get(i);
            String at = where.apply("budgets") + "budgets[" + i + "]: ";
            boolean workspace = entry.workspace() != null && !entry.workspace().isBlank();
            boolean key = entry.key() != null && !entry.key().isBlank();
            if (workspace == key) {
                throw new ConfigException(
                        at + "a budget names either a workspace or a key (its id), not both or neither");
            }
            Budget.Period period;
            try {
                period = Budget.Period.parse(entry.period() == null ? "monthly" : entry.period());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + e.getMessage());
            }
            Long hard = micros(at + "limitUsd", entry.limitUsd());
            Long soft = micros(at + "softUsd", entry.softUsd());
            if (hard == null && soft == null) {
                throw new ConfigException(at + "a budget needs limitUsd, softUsd or both");
            }
            if (hard != null && soft != null && soft > hard) {
                throw new ConfigException(at + "softUsd must not be above limitUsd");
            }
            budgets.add(new Budget(
                    workspace ? Budget.Scope.WORKSPACE : Budget.Scope.KEY,
                    (workspace ? entry.workspace() : entry.key()).trim(),
                    period,
                    hard,
                    soft));
        }
        return List.copyOf(budgets);
    }

    private static Long micros(String at, String dollars) {
        if (dollars == null || dollars.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(dollars.trim());
            if (value.signum() < 0 || value.scale() > 6) {
                throw new ConfigException(
                        at + " must be a non-negative amount with at most 6 decimals, was " + dollars);
            }
            return value.movePointRight(6).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(at + " must be an amount in US dollars such as \"100.00\", was " + dollars);
        }
    }
}
