package dev.caravan.guardrails.destructive;

import static dev.caravan.guardrails.destructive.Scans.DENY;
import static dev.caravan.guardrails.destructive.Scans.injection;
import static dev.caravan.guardrails.destructive.Scans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlInjectionTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "user: ' OR '1'='1",
                "password: \" or 1=1 --",
                "login: admin'--",
                "x') OR ('a'='a",
                "q=' or ''='",
                "id=7' UNION SELECT null, password FROM users--",
                "name=' UNION ALL SELECT table_name FROM information_schema.tables #",
                "title=x'; DROP TABLE posts; --",
                "id=3 AND SLEEP(5)",
                "id=1'; WAITFOR DELAY '0:0:5'--",
                "id=2 UNION SELECT 1,2,@@version",
                "q=abc' AND (SELECT 1 FROM pg_sleep(3)) --",
                "z' or 2>1 --",
            })
    void breakOutThenSqlIsInjection(String input) {
        assertThat(injection(input)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT region FROM sales WHERE status = 'open' UNION ALL SELECT region FROM archive WHERE status = 'open'",
                "SELECT * FROM users WHERE name = 'ana' AND active = true",
                "It's 'red' or 'blue', your call.",
                "She said \"soon\" or \"never\".",
                "INSERT INTO t VALUES ('a'); SELECT * FROM t;",
                "api_key = \"dev\"  # local only",
                "Use SELECT SLEEP(1) to check the timeout.",
                "O'Neil's order; ship Monday.",
                "print('ok'); exit()",
            })
    void ordinarySqlAndProseAreNot(String text) {
        assertThat(injection(text)).isLessThan(DENY);
    }

    @Test
    void injectionSpanStartsAtTheBreakOutQuote() {
        assertThat(span("search=' OR '1'='1", Category.SQL_INJECTION)).isEqualTo("' OR '1'='1");
    }
}
