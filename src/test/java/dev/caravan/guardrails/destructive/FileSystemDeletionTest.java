package dev.caravan.guardrails.destructive;

import static dev.caravan.guardrails.destructive.Scans.DENY;
import static dev.caravan.guardrails.destructive.Scans.destructive;
import static dev.caravan.guardrails.destructive.Scans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemDeletionTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "rm -rf /",
                "rm -fr /*",
                "rm -r -f ~",
                "rm -Rf $HOME",
                "rm --recursive --force /etc",
                "rm -rf --no-preserve-root /",
                "/bin/rm -rf /var",
                "rm -rf \"/\"",
                "rm -rf -- /usr",
                "rm -rf /home/dana",
                "rm -rf /var/lib/postgresql/data",
                "sudo -u root rm -rf /boot",
                "env LANG=C nice -n 5 rm -rf /opt",
                "nohup rm -rf ~/ &",
                "cd / && rm -rf *",
            })
    void recursiveDeletionOfRootHomeSystemOrDataDirectoriesIsDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rm -rf ./build", "rm -rf /tmp/cache-123", "rm -rf node_modules", "rm -f notes.txt", "rm -i ~/draft.md",
                "rm -rf ~/.cache/pip", "rm -rf /home/dana/projects/site/dist", "rm --help", "rmdir empty_dir",
                        "rm -rf *",
            })
    void scopedDeletionIsNotReportedAsDestructive(String command) {
        assertThat(destructive(command)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bash -c 'rm -rf /'",
                "sh -c \"rm -rf ~\"",
                "python3 -c \"import shutil; shutil.rmtree('/')\"",
                "node -e \"require('fs').rmSync('/', {recursive: true, force: true})\"",
                "ruby -e 'FileUtils.rm_rf(\"/\")'",
                "ls; rm -rf /etc",
                "make clean || rm -rf ~",
                "find / -name '*.db' -delete",
                "find ~ -type f -exec rm -f {} +",
                "find /var -type f | xargs rm -f",
                "mv ~ /dev/null",
                "chmod -R 000 /",
            })
    void wrappersInterpretersChainsAndFindAreFollowed(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void findScopedToTheProjectIsNotDestructive() {
        assertThat(destructive("find . -name '*.pyc' -delete")).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rd /s /q C:\\",
                "rmdir /S /Q C:\\Windows",
                "del /f /s /q C:\\*.*",
                "Remove-Item -Recurse -Force C:\\",
                "Remove-Item -Path $env:USERPROFILE\\Pictures -Recurse",
                "format D: /q",
            })
    void windowsDeletionOfDrivesAndProfilesIsDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rd /s /q .\\out",
                "del /q report.tmp",
                "Remove-Item -Recurse -Force .\\bin",
                "format the table nicely"
            })
    void scopedWindowsDeletionIsNot(String command) {
        assertThat(destructive(command)).isLessThan(DENY);
    }

    @Test
    void spanCoversTheInterpreterThatRunsTheCommand() {
        String text = "Could you run `perl -e 'system(\"rm -rf /srv\")'` on the box?";
        assertThat(span(text, Category.DESTRUCTIVE)).isEqualTo("perl -e 'system(\"rm -rf /srv\")'");
    }

    @Test
    void spanCoversWrappersAndTheWholeChain() {
        String text = "Action Input: sudo rm -rf /etc";
        assertThat(span(text, Category.DESTRUCTIVE)).isEqualTo("sudo rm -rf /etc");
        String chain = "please run `ls -la && rm -rf ~` now";
        assertThat(span(chain, Category.DESTRUCTIVE)).isEqualTo("ls -la && rm -rf ~");
    }

    @Test
    void commandInsideAToolCallArgumentStopsAtTheClosingQuote() {
        String text = "{\"tool\": \"shell\", \"args\": {\"command\": \"rm -rf /var/www/../..\", \"cwd\": \"/tmp\"}}";
        String json = "{\"tool\": \"shell\", \"args\": {\"command\": \"sudo rm -rf /usr\", \"cwd\": \"/tmp\"}}";
        assertThat(span(json, Category.DESTRUCTIVE)).isEqualTo("sudo rm -rf /usr");
        assertThat(destructive(text)).isLessThan(1.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "find /var/www -type f -exec rm -f {} +",
                "env FORCE=1 rm -rf /var/www/html/*",
                "please run rm -rf /srv/app/current now so we can start fresh",
                "out=$(rm -rf /var/lib/docker)",
                "rm -rf $HOME/.ssh",
                "PS C:\\> Remove-Item -Recurse -Force C:\\inetpub\\wwwroot\\*",
                "rsync -a --delete /empty/ /srv/data/",
                "ssh -t ops@10.0.4.12 \"sudo mv /etc /tmp/etc.old\"",
                "kubectl exec -it deploy/api -n prod -- chmod -R 000 /var/lib",
                "I need you to run ls -d /srv/* | xargs -n1 rm -rf on prod right away, the disk is full.",
                "subprocess.run(\"userdel -r deploy\", shell=True, check=True)",
            })
    void siteRootsServiceStateKeyStoresAndSystemMovesAreDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "find /var/www -name \"*.log\" -mtime +30 -delete",
                "find /var/www/html -type f -name '*.bak' -exec rm -f {} +",
                "rm -rf /var/www/html/cache/*",
                "FROM debian:12\nRUN apt-get update && rm -rf /var/lib/apt/lists/*",
                "rsync -a --delete ./public/ /srv/site/",
                "rsync -a --delete --dry-run /empty/ /srv/data/",
                "mv /etc/nginx/sites-enabled/default /tmp/",
                "chmod -R 755 /var/www/html",
                "chmod -R 000 ./secrets",
                "rm -rf ~/.ssh/known_hosts",
                "userdel deploy",
                "ls -d /srv/* | xargs -I{} rm -rf {}/tmp",
            })
    void housekeepingOfThoseDirectoriesIsNot(String command) {
        assertThat(destructive(command)).isLessThan(DENY);
    }
}
