package dev.caravan.guardrails.destructive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRiskTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/*",
                "//",
                "~",
                "~/",
                "$HOME",
                "${HOME}",
                "/etc",
                "/usr/lib",
                "/home/ana",
                "/root",
                "/var/lib/mysql",
                "/data",
                "/mnt/backups/daily",
                "C:\\",
                "C:/Windows/System32",
                "%USERPROFILE%",
                "$env:USERPROFILE\\Documents",
                "~/Documents",
                "/var/www",
                "/var/www/html/*",
                "/srv/app",
                "/srv/app/current",
                "/var/lib/docker",
                "~/.ssh",
                "C:\\inetpub\\wwwroot",
            })
    void rootHomeSystemAndDataPathsAreDangerous(String path) {
        assertThat(PathRisk.of(path)).isEqualTo(PathRisk.DANGEROUS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "./build",
                "dist",
                "/tmp/x",
                "/var/tmp/cache",
                "~/.cache",
                "/home/ana/src/app/node_modules",
                "C:\\temp\\out",
                "/opt/app/releases/3",
                "/var/www/html/old",
                "/var/www/html/cache",
                "/var/lib/apt/lists",
                "/srv/app/tmp/upload-1",
                "~/.npm",
            })
    void scopedPathsAreNot(String path) {
        assertThat(PathRisk.of(path)).isEqualTo(PathRisk.SCOPED);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "*", "./*", ".."})
    void theWorkingDirectoryIsRiskyOnlyByWhereItIs(String path) {
        assertThat(PathRisk.of(path)).isEqualTo(PathRisk.HERE);
    }
}
