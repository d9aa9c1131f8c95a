package dev.caravan.guardrails.destructive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.destructive.ShellTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTokensTest {
    private static List<String> values(String command) {
        return ShellTokens.of(command, 0, command.length()).stream()
                .map(Token::value)
                .toList();
    }

    @Test
    void quotesAreRemovedAndEscapedQuotesAndBackslashesKept() {
        assertThat(values("rm -rf \"/my dir\" 'a b'c it's \\\"x\\\" a\\\\b \"half"))
                .containsExactly("rm", "-rf", "/my dir", "a bc", "it's", "\"x\"", "a\\b", "half");
    }

    @Test
    void aWordEndsAtTheCommandsEndEvenInsideAnOpenQuote() {
        String text = "rm 'a b; ls";
        List<Token> tokens = ShellTokens.of(text, 0, text.indexOf(';'));
        assertThat(tokens).extracting(Token::value).containsExactly("rm", "a b");
        assertThat(tokens.get(1).end()).isEqualTo(text.indexOf(';'));
    }

    @Test
    void flagsAndWordsReadTheSameWithOrWithoutQuotes() {
        String text = "-rf '-rf' \"--force\" \"\"-x RM r\"m\" -";
        List<Token> tokens = ShellTokens.of(text, 0, text.length());
        assertThat(tokens).extracting(Token::flag).containsExactly(true, true, true, true, false, false, false);
        assertThat(tokens)
                .extracting(t -> t.shortFlag('f'))
                .containsExactly(true, true, false, false, false, false, false);
        assertThat(tokens).extracting(t -> t.is("rm")).containsExactly(false, false, false, false, true, true, false);
    }

    @Test
    void aPlainLeadIsTheValuesOwnStart() {
        String text = "ab\"c d\" 'xy' a";
        List<Token> tokens = ShellTokens.of(text, 0, text.length());
        assertThat(tokens).extracting(Token::value).containsExactly("abc d", "xy", "a");
        assertThat(tokens).extracting(Token::plainLead).containsExactly(true, false, false);
        assertThat(tokens.get(0).value())
                .startsWith("" + tokens.get(0).lead(0) + tokens.get(0).lead(1));
    }
}
