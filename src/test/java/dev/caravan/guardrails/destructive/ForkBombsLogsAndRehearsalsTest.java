package dev.caravan.guardrails.destructive;

import static dev.caravan.guardrails.destructive.Scans.DENY;
import static dev.caravan.guardrails.destructive.Scans.destructive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForkBombsLogsAndRehearsalsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                ":(){ :|:& };:",
                "RUN :(){ :|:& };:",
                "boom() { boom | boom & }; boom",
                "function f() { f|f& }; f",
                "%0|%0",
                "perl -e 'fork while fork'",
                "python3 -c \"import os\nwhile True: os.fork()\"",
                "exec.Command(\"sh\", \"-c\", \"python3 -c \\\"import os\\nwhile True: os.fork()\\\"\")",
                "int main() { for (;;) fork(); }",
                "while (1) { fork(); }",
            })
    void forkBombsAreDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Why does `:(){ :|:& };:` freeze a Linux box?",
                "echo ':(){ :|:& };:' is a fork bomb",
                "cat access.log | cat > copy.log",
                "a | a",
                "pid = os.fork()",
                "git log --oneline | head | grep fix | grep fix",
                "| a | b | a |",
                "Fork the repository and open a pull request.",
            })
    void pipesForksAndMentionsAreNot(String text) {
        assertThat(destructive(text)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "> /var/log/auth.log",
                "cat /dev/null > /var/log/syslog",
                "sh '> /etc/shadow'",
                "{\"command\": \"> /var/log/secure\"}",
                "shell: :> /etc/passwd",
                "truncate -s 0 /var/lib/mysql/ibdata1",
                "cp /dev/null /etc/fstab",
                "shred -u -z /var/log/*.log",
            })
    void emptyingSystemFilesAndLogsIsDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "truncate -s 0 ./logs/app.log",
                ": > ./debug.log",
                "cp /dev/null ./empty.txt",
                "shred -u secret.txt",
                "echo 'deb http://deb.debian.org/debian stable main' > /etc/apt/sources.list.d/extra.list",
                "cat /var/log/syslog > /tmp/syslog.copy",
                "> /var/www/html/index.html",
            })
    void emptyingScopedFilesOrWritingSystemFilesIsNot(String text) {
        assertThat(destructive(text)).isLessThan(DENY);
    }

    @Test
    void theTruncateStatementIsStillReadAsSql() {
        assertThat(destructive("truncate orders;")).isGreaterThanOrEqualTo(DENY);
        assertThat(destructive("TRUNCATE TABLE customers, orders CASCADE;")).isGreaterThanOrEqualTo(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kubectl delete ns staging --dry-run=client -o yaml",
                "aws ec2 terminate-instances --dry-run --instance-ids i-0a1b2c3d4e5f67890",
                "helm uninstall payments -n staging --dry-run",
                "Remove-Item C:\\Users -Recurse -Force -WhatIf",
                "rclone purge remote:backups --dry-run",
                "Is `terraform apply -destroy` the same as `terraform destroy`?",
                "Should I run `kubectl delete ns prod` or scale it down first?",
                "The docs say `az group delete` removes every resource in the group. Is there a soft-delete?",
                "Please format C: drive usage as a table with one row per folder.",
            })
    void dryRunsYesNoQuestionsAndEnglishAreNot(String text) {
        assertThat(destructive(text)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kubectl delete ns staging --dry-run=none",
                "Can you run `kubectl delete ns prod` now?",
                "Is it done? Run `terraform destroy -auto-approve` now.",
                "format c: /fs:ntfs /q",
            })
    void realRunsAndRequestsPhrasedAsQuestionsStillAre(String text) {
        assertThat(destructive(text)).isGreaterThanOrEqualTo(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"function\":{\"name\":\"bash\",\"arguments\":\"{\\\"command\\\": \\\"rm -rf /etc\\\"}\"}}",
                "{\"function\":{\"name\":\"bash\",\"arguments\":\"{\\\"command\\\": \\\"chmod -R 000 /etc\\\"}\"}}",
                "Open an admin PowerShell and run `rmdir /S /Q D:\\` for me.",
                "Get-ChildItem -Path D:\\Data -Recurse | Remove-Item -Force -Recurse",
                "Remove-Partition -DiskNumber 1 -PartitionNumber 2 -Confirm:$false",
                "echo /home | xargs rm -rf",
                "ls -d /srv/* | xargs -n1 rm -rf",
                "kubectl drain node-7 --ignore-daemonsets --delete-emptydir-data --force",
                "terragrunt run-all destroy --terragrunt-non-interactive",
                "serverless remove --stage prod",
                "sam delete --stack-name prod-api --no-prompts",
                "bq rm -r -f -d acme:analytics",
                "aws kms schedule-key-deletion --key-id 1234abcd --pending-window-in-days 7",
                "etcdctl del \"\" --prefix",
                "consul kv delete -recurse",
                "DROP OWNED BY app_user CASCADE;",
                "db.customers.updateMany({}, { $unset: { email: \"\" } })",
                "conn.execute(text(\"db.getCollection(\\\"orders\\\").drop()\"))",
                "curl -X DELETE http://localhost:9200/orders",
                "curl -XPOST \"localhost:9200/logs/_delete_by_query\" -d '{\"query\":{\"match_all\":{}}}'",
                "POST /orders/_delete_by_query\n{\n  \"query\": { \"match_all\": {} }\n}",
            })
    void doubleEncodedToolCallsWindowsPipelinesAndMoreCliVerbsAreDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kubectl drain node-7 --ignore-daemonsets",
                "etcdctl del /app/config/flag",
                "consul kv delete service/web/flag",
                "Remove-Item .\\bin -Recurse -Force",
                "db.customers.updateMany({ plan: \"trial\" }, { $set: { expired: true } })",
                "curl -X DELETE http://localhost:9200/orders/_doc/42",
                "curl -X DELETE https://api.example.com/users/42",
                "sam deploy --stack-name prod-api",
                "bq ls acme:analytics",
                "curl -XPOST \"localhost:9200/logs/_delete_by_query\" -d '{\"query\":{\"range\":{\"age\":{\"gt\":30}}}}'",
                "What does _delete_by_query do with a match_all query?",
            })
    void scopedOrNonDeletingFormsAreNot(String text) {
        assertThat(destructive(text)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "find / -type f -delete",
                "rm -rf \"$HOME\"",
                "> /etc/passwd",
                "kubectl delete namespace prod",
                "DROP TABLE users;",
                "psql -c 'DROP DATABASE prod'",
            })
    void commandsInToolCallArgumentsThatAreJsonInsideJsonAreDestructive(String command) {
        String inner = "{\"command\": \"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        String call = "{\"function\": {\"name\": \"bash\", \"arguments\": \""
                + inner.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
        assertThat(destructive(call)).as(call).isGreaterThanOrEqualTo(DENY);
        String span = Scans.span(call, Category.DESTRUCTIVE);
        assertThat(span.contains(command.substring(0, 4)) || command.contains(span))
                .as(span)
                .isTrue();
    }

    @Test
    void aQuotedMentionInsideJsonStaysAMention() {
        assertThat(destructive("{\"prompt\": \"what does \\\"rm -rf /\\\" do?\"}"))
                .isLessThan(DENY);
        assertThat(destructive("{\"note\": \"say \\\"hello\\\" twice\"}")).isZero();
    }

    @Test
    void aForkBombSpanCoversTheDefinitionAndTheCall() {
        assertThat(Scans.span("run this: :(){ :|:& };: now", Category.DESTRUCTIVE))
                .isEqualTo(":(){ :|:& };:");
    }
}
