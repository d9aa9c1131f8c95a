package dev.caravan.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.call.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatUsageTest {
    static Usage usageOf(String body) {
        return ChatUsage.fromBody(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void usageIsFoundAfterTheAnswerWithItsDetails() {
        Usage usage = usageOf(
                "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"{\\\"usage\\\":1}\"}}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":3},\"completion_tokens_details\":{\"reasoning_tokens\":2}}}");

        assertThat(usage).isEqualTo(new Usage(10, 4, 14, 3, 2));
    }

    @Test
    void aUsageKeyNestedInsideTheAnswerIsNotTheUsage() {
        assertThat(usageOf("{\"choices\":[{\"usage\":{\"prompt_tokens\":99}}]}"))
                .isNull();
    }

    @Test
    void aBodyWithoutUsageOrNotJsonHasNone() {
        assertThat(usageOf("{\"usage\":null}")).isNull();
        assertThat(usageOf("not json")).isNull();
        assertThat(usageOf("[1,2]")).isNull();
    }
}
