package dev.caravan.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Usage;
import org.junit.jupiter.api.Test;

class ChatUsageTest {
    static Usage usageOf(String body) {
        try {
            return ChatUsage.of(new ObjectMapper().readTree(body));
        } catch (JsonProcessingException notJson) {
            return null;
        }
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
    void aBodyWithoutAUsageObjectHasNone() {
        assertThat(usageOf("{\"usage\":null}")).isNull();
        assertThat(usageOf("[1,2]")).isNull();
    }
}
