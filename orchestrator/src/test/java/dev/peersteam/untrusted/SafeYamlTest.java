package dev.peersteam.untrusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

@Timeout(10) // a bomb that got through would not finish at all
class SafeYamlTest {

    private static InputRejected rejected(String yaml, boolean plainScalars) {
        return catchThrowableOfType(
                InputRejected.class, () -> SafeYaml.compose(yaml, "YAML syntax error", plainScalars));
    }

    @Test
    void aFewAliasesAreFine() throws Exception {
        Node root = SafeYaml.compose("""
                tools: &tools [Read, Grep]
                a: *tools
                b: *tools
                """, "YAML syntax error", true);

        assertThat(root).isInstanceOf(MappingNode.class);
    }

    @Test
    void theFiftyFirstAliasOfACollectionIsRefusedAtItsPlace() {
        StringBuilder yaml = new StringBuilder("list: &l [x]\nuses:\n");
        for (int i = 0; i < 51; i++) {
            yaml.append("  - *l\n");
        }

        InputRejected e = rejected(yaml.toString(), false);

        assertThat(e.line() + ":" + e.column()).isEqualTo("53:5");
        assertThat(e.problem()).startsWith("more than 50 aliases of lists or mappings");
    }

    @Test
    void aliasesOfPlainValuesCostNothing() throws Exception {
        StringBuilder yaml = new StringBuilder("word: &w hello\nuses:\n");
        for (int i = 0; i < 500; i++) {
            yaml.append("  - *w\n");
        }

        assertThat(SafeYaml.compose(yaml.toString(), "YAML syntax error", false))
                .isNotNull();
    }

    @Test
    void aBillionLaughsIsRefusedInAnInstant() {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            yaml.append(level)
                    .append(": &")
                    .append(level)
                    .append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*" + (char) (level - 1))))
                    .append("]\n");
        }

        assertThat(rejected(yaml.toString(), false).problem()).contains("billion laughs");
    }

    @Test
    void anAliasInsideWhatItNamesIsRefused() {
        InputRejected e = rejected("a: &x\n  - 1\n  - *x\n", false);

        assertThat(e.line() + ":" + e.column()).isEqualTo("3:5");
        assertThat(e.problem()).startsWith("alias '*x' stands inside the list or mapping '&x' it names");
    }

    @Test
    void nestingDeeperThanFiftyLevelsIsRefusedWhereItGoesTooDeep() {
        InputRejected e = rejected("[".repeat(200_000), false);

        assertThat(e.line() + ":" + e.column()).isEqualTo("1:51");
        assertThat(e.problem()).isEqualTo("lists and mappings are nested more than 50 levels deep here");
    }

    @Test
    void fiftyLevelsAreFine() throws Exception {
        assertThat(SafeYaml.compose("[".repeat(50) + "]".repeat(50), "YAML syntax error", false))
                .isNotNull();
    }

    @Test
    void syntaxErrorsKeepTheirPlaceAndGetAnHonestHint() {
        InputRejected tab = rejected("roles:\n\tqa: {}\n", false);
        InputRejected colon = rejected("goal: fix: the bug\n", false);
        InputRejected alias = rejected("a: *nowhere\n", false);

        assertThat(tab.line() + ":" + tab.column()).isEqualTo("2:1");
        assertThat(tab.fix()).startsWith("indent with spaces");
        assertThat(colon.line() + ":" + colon.column()).isEqualTo("1:10");
        assertThat(colon.fix()).startsWith("put quotes around");
        assertThat(alias.problem()).isEqualTo("YAML syntax error: found undefined alias nowhere");
        assertThat(alias.fix()).startsWith("define the anchor");
    }

    @Test
    void controlCharactersSpelledAsEscapesAreRefusedWhenValuesMustBePlain() throws Exception {
        String yaml = "goal: \"hi\\e[2J\"\n";

        InputRejected e = rejected(yaml, true);

        assertThat(e.line() + ":" + e.column()).isEqualTo("1:7");
        assertThat(e.problem())
                .isEqualTo("this value holds the control character U+001B (ESCAPE), written as an escape; it is not"
                        + " allowed");
        assertThat(SafeYaml.compose(yaml, "YAML syntax error", false))
                .as("scripts may hold them")
                .isNotNull();
    }

    @Test
    void keysAreValuesToo() {
        assertThat(rejected("\"a\\0b\": 1\n", true).problem()).contains("U+0000 (NULL)");
    }

    @Test
    void rawControlCharactersAreRefusedEvenWhereValuesMayHoldEscapes() {
        InputRejected e = rejected("say: \u001b]0;pwned\u0007\n", false);

        assertThat(e.line() + ":" + e.column()).isEqualTo("1:6");
    }

    @Test
    void anEmptyDocumentIsNull() throws Exception {
        assertThat(SafeYaml.compose("# nothing\n", "YAML syntax error", true)).isNull();
    }
}
