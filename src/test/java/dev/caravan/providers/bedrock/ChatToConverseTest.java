package dev.caravan.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChatToConverseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDataUrlImageBecomesAnImageBlockBesideItsText() throws Exception {
        ConverseCall call = ChatToConverse.translate(
                JSON.readTree(
                        """
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}]}
                """));

        JsonNode content = call.body().at("/messages/0/content");
        assertThat(content.get(0).get("text").asText()).isEqualTo("What is this?");
        assertThat(content.get(1).at("/image/format").asText()).isEqualTo("jpeg");
        assertThat(content.get(1).at("/image/source/bytes").asText()).isEqualTo("/9j/4AAQ");
    }

    @Test
    void anImageLinkIsRefusedRatherThanDropped() {
        assertThatThrownBy(
                        () -> ChatToConverse.translate(
                                JSON.readTree(
                                        """
                        {"model":"m","messages":[{"role":"user","content":[
                          {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}
                        """)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data URL");
    }

    @Test
    void consecutiveToolResultsAndAUserTurnShareOneUserMessage() throws Exception {
        ConverseCall call = ChatToConverse.translate(
                JSON.readTree(
                        """
                {"model":"m","messages":[
                  {"role":"user","content":"weather in Paris and Rome?"},
                  {"role":"assistant","tool_calls":[
                    {"id":"a","type":"function","function":{"name":"w","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"b","type":"function","function":{"name":"w","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"a","content":"sunny"},
                  {"role":"tool","tool_call_id":"b","content":"rain"},
                  {"role":"user","content":"thanks, and tomorrow?"}]}
                """));

        JsonNode messages = call.body().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.at("/1/content")).hasSize(2);
        assertThat(messages.at("/2/role").asText()).isEqualTo("user");
        assertThat(messages.at("/2/content/0/toolResult/toolUseId").asText()).isEqualTo("a");
        assertThat(messages.at("/2/content/1/toolResult/toolUseId").asText()).isEqualTo("b");
        assertThat(messages.at("/2/content/2/text").asText()).isEqualTo("thanks, and tomorrow?");
    }

    @Test
    void toolChoiceNoneIsDroppedAndNamedBecauseConverseCannotForbidTools() throws Exception {
        ConverseCall call = ChatToConverse.translate(
                JSON.readTree(
                        """
                {"model":"m","messages":[{"role":"user","content":"hi"}],"tool_choice":"none",
                 "tools":[{"type":"function","function":{"name":"w"}}],"user":"u-1","n":1}
                """));

        assertThat(call.dropped()).containsExactlyInAnyOrder("user", "n", "tool_choice");
        assertThat(call.droppedHeader()).contains("tool_choice");
        assertThat(call.body().at("/toolConfig/toolChoice").isMissingNode()).isTrue();
    }

    @Test
    void streamingWithUsageIsReadFromTheStreamOptions() throws Exception {
        ConverseCall call = ChatToConverse.translate(
                JSON.readTree(
                        """
                {"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,
                 "stream_options":{"include_usage":true},"stop":"END"}
                """));

        assertThat(call.stream()).isTrue();
        assertThat(call.includeUsage()).isTrue();
        assertThat(call.body().at("/inferenceConfig/stopSequences/0").asText()).isEqualTo("END");
        assertThat(call.droppedHeader()).isNull();
    }
}
