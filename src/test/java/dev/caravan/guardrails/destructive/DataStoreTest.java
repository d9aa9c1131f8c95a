package dev.caravan.guardrails.destructive;

import static dev.caravan.guardrails.destructive.Scans.DENY;
import static dev.caravan.guardrails.destructive.Scans.destructive;
import static dev.caravan.guardrails.destructive.Scans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataStoreTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "DROP TABLE invoices;",
                "drop table if exists audit_log;",
                "DROP DATABASE warehouse",
                "DROP SCHEMA billing CASCADE;",
                "DROP KEYSPACE telemetry;",
                "TRUNCATE TABLE sessions;",
                "TRUNCATE events;",
                "DELETE FROM carts;",
                "DELETE FROM carts WHERE 1=1;",
                "UPDATE users SET role = 'admin';",
                "ALTER TABLE users DROP COLUMN phone;",
                "db.dropDatabase()",
                "db.orders.drop()",
                "db.sessions.deleteMany({})",
                "db.logs.remove({})",
                "collection.delete_many({})",
                "MATCH (n) DETACH DELETE n",
                "MATCH (p:Person) DETACH DELETE p",
                "redis-cli FLUSHALL",
                "FLUSHDB",
                "curl -X DELETE http://search:9200/_all",
                "curl -XDELETE 'localhost:9200/*'",
                "DELETE /_all",
                "dropdb production",
                "psql -c 'DROP TABLE payments;'",
                "cursor.execute(\"delete from sessions\")",
                "kafka-topics.sh --bootstrap-server kafka:9092 --delete --topic payments",
                "root@prod:~# kafka-topics --zookeeper zk:2181 --delete --topic events",
                "nohup influx bucket delete -n metrics -o acme > /dev/null 2>&1 &",
            })
    void queriesThatDestroyDataAreDestructive(String query) {
        assertThat(destructive(query)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DELETE FROM carts WHERE id = 42;",
                "UPDATE users SET role = 'viewer' WHERE id = 7;",
                "SELECT * FROM invoices;",
                "INSERT INTO audit (who) VALUES ('ci');",
                "ALTER TABLE users ADD COLUMN phone text;",
                "CREATE INDEX idx ON t (a);",
                "db.orders.deleteMany({ status: 'expired' })",
                "db.users.find({})",
                "MATCH (n:Temp {run: 3}) DETACH DELETE n",
                "MATCH (n) WHERE n.expired = true DELETE n",
                "redis-cli GET key",
                "curl -X DELETE http://api/users/42",
                "DROP INDEX idx_users_email;",
                "df.drop(columns=['a'])",
                "kafka-topics.sh --bootstrap-server kafka:9092 --describe --topic payments",
                "kafka-consumer-groups.sh --bootstrap-server kafka:9092 --delete-offsets --group g --topic t",
                "influx bucket list -o acme",
            })
    void scopedOrAdditiveQueriesAreNot(String query) {
        assertThat(destructive(query)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Let's drop the formal tone in the intro.", "Truncate the summary to fifty words.",
                "Please delete from my notes anything about lunch.", "Update the changelog, then set a reminder.",
                "The price will drop to $12 next week.", "When would TRUNCATE be faster than DELETE?",
            })
    void naturalLanguageWithSqlWordsIsNot(String text) {
        assertThat(destructive(text)).isLessThan(DENY);
    }

    @Test
    void statementSpanEndsAtItsSemicolon() {
        String text = "Please run this against staging: TRUNCATE TABLE carts; then report back.";
        assertThat(span(text, Category.DESTRUCTIVE)).isEqualTo("TRUNCATE TABLE carts;");
    }

    @Test
    void multiLineStatementWithAWhereClauseIsScoped() {
        assertThat(destructive("DELETE FROM carts\nWHERE created_at < now() - interval '30 days';"))
                .isLessThan(DENY);
        assertThat(destructive("DELETE FROM carts\n;")).isGreaterThanOrEqualTo(0.8);
    }
}
