package dev.caravan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void theOfflineDemoRunsEveryStepAndExitsZero() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String account = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(account).isZero();
        assertThat(account)
                .contains("1. plain call      -> 200")
                .contains("[DONE] received")
                .contains("400 upstream_not_allowed")
                .contains("receipt chain valid (3 receipts")
                .contains("demo finished: every step behaved as shown");
    }
}
