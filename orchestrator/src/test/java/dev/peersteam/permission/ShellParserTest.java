package dev.peersteam.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellParserTest {

    private static ShellCommand.Understood understood(String command) {
        ShellCommand parsed = ShellParser.parse(command);
        assertThat(parsed).as(command).isInstanceOf(ShellCommand.Understood.class);
        return (ShellCommand.Understood) parsed;
    }

    private static List<String> texts(String command) {
        return understood(command).commands().stream()
                .map(ShellCommand.Simple::text)
                .toList();
    }

    @Test
    void aSimpleCommandIsOnePart() {
        assertThat(texts("git status")).containsExactly("git status");
        assertThat(texts("  git   status\t--short  ")).containsExactly("git status --short");
        assertThat(understood("git status").commands().getFirst().words()).containsExactly("git", "status");
    }

    @Test
    void everyListAndPipelineOperatorSplitsTheCommand() {
        assertThat(texts("git status; touch pwned.txt")).containsExactly("git status", "touch pwned.txt");
        assertThat(texts("git status\ntouch pwned.txt")).containsExactly("git status", "touch pwned.txt");
        assertThat(texts("git status && touch x")).containsExactly("git status", "touch x");
        assertThat(texts("git status || touch x")).containsExactly("git status", "touch x");
        assertThat(texts("git status | tee x")).containsExactly("git status", "tee x");
        assertThat(texts("git status |& tee x")).containsExactly("git status", "tee x");
        assertThat(texts("git status & touch x")).containsExactly("git status", "touch x");
        assertThat(texts("git status;touch x")).containsExactly("git status", "touch x");
        assertThat(texts("git status&&touch x")).containsExactly("git status", "touch x");
        assertThat(texts("a &&\n  b")).as("a newline may follow &&").containsExactly("a", "b");
        assertThat(texts("a\n\n\nb\n")).containsExactly("a", "b");
        assertThat(texts("git status &")).containsExactly("git status");
        assertThat(texts("git status;")).containsExactly("git status");
    }

    @Test
    void quotesKeepOperatorsInsideOneWord() {
        assertThat(texts("echo 'a; touch x'")).containsExactly("echo 'a; touch x'");
        assertThat(texts("echo \"a && b | c\"")).containsExactly("echo \"a && b | c\"");
        assertThat(understood("echo 'a;b' \"c\\\"d\" e\\ f")
                        .commands()
                        .getFirst()
                        .words())
                .containsExactly("echo", "a;b", "c\"d", "e f");
        assertThat(texts("git commit -m 'line one\nline two'"))
                .as("a newline inside quotes is part of the word")
                .containsExactly("git commit -m 'line one\nline two'");
        assertThat(texts("echo a\\;b")).containsExactly("echo a\\;b");
    }

    @Test
    void lineContinuationsJoinAsBashJoinsThem() {
        assertThat(understood("git st\\\natus").commands().getFirst().words()).containsExactly("git", "status");
        assertThat(texts("git status \\\n --short")).containsExactly("git status --short");
    }

    @Test
    void commentsRunToTheEndOfTheLineOnlyAtTheStartOfAWord() {
        assertThat(texts("git status # touch x")).containsExactly("git status");
        assertThat(texts("git status #\ntouch x")).containsExactly("git status", "touch x");
        assertThat(texts("git status#; touch x"))
                .as("# inside a word is no comment")
                .containsExactly("git status#", "touch x");
    }

    @Test
    void redirectionsAreSeparatePartsAndHarmlessOnesAreDropped() {
        ShellCommand.Understood parsed = understood("git status > out.txt 2>&1");
        assertThat(parsed.commands()).extracting(ShellCommand.Simple::text).containsExactly("git status");
        assertThat(parsed.redirects()).containsExactly(new ShellCommand.Redirect(">", "out.txt", true));
        assertThat(understood("git status>f").redirects()).containsExactly(new ShellCommand.Redirect(">", "f", true));
        assertThat(understood("sort < in.txt").redirects())
                .containsExactly(new ShellCommand.Redirect("<", "in.txt", false));
        assertThat(understood("make 2>>log &>all >|x <>rw").redirects())
                .extracting(ShellCommand.Redirect::operator)
                .containsExactly("2>>", "&>", ">|", "<>");
        assertThat(understood("npm test 2>&1 >/dev/null 2>/dev/stderr 3>&- <&0").redirects())
                .isEmpty();
        assertThat(understood("echo x >&out.txt").redirects())
                .as(">&word with a file name writes the file")
                .containsExactly(new ShellCommand.Redirect(">&", "out.txt", true));
        assertThat(understood("echo 2 >f").commands().getFirst().words())
                .as("a digit before a blank is an argument, not a descriptor")
                .containsExactly("echo", "2");
        assertThat(understood(">out.txt git status").commands())
                .extracting(ShellCommand.Simple::text)
                .containsExactly("git status");
    }

    @Test
    void cdMakesLaterRelativeRedirectsUnknowable() {
        assertThat(understood("cd src && ls").changesDirectory()).isTrue();
        assertThat(ShellParser.parse("cd /tmp && echo x > f")).isInstanceOf(ShellCommand.NotUnderstood.class);
        assertThat(understood("cd /tmp && echo x > /abs/f").redirects()).hasSize(1);
    }

    /** Each of these must be refused: a rule can never be allowed to judge them part by part. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "git status $(touch x)",
                "git status `touch x`",
                "git status \"$(touch x)\"",
                "git status \"`touch x`\"",
                "git status $HOME",
                "git status ${x:-y}",
                "git status $'\\x3b touch x'",
                "git status $\"x\"",
                "git status $((1+1))",
                "diff <(cat a) b",
                "tee >(sh) < x",
                "(touch x)",
                "{ touch x; }",
                "git status ;; touch x",
                "git status ;& touch x",
                "cat <<EOF\ntouch x\nEOF",
                "cat <<< 'x'",
                "FOO=1 git status",
                "PATH=/tmp git status",
                "GIT_DIR=.. git status",
                "x+=1 git status",
                "a[0]=1 git status",
                "FOO=1\"x\" git status",
                "if true; then touch x; fi",
                "for f in a; do touch $f; done",
                "while true; do :; done",
                "case x in a) touch y;; esac",
                "! git status",
                "time touch x",
                "function f { touch x; }",
                "coproc touch x",
                "[[ -f x ]]",
                "*/bin/touch x",
                "~/bin/touch x",
                "echo 'unclosed",
                "echo \"unclosed",
                "echo trailing\\",
                "; git status",
                "git status ; ; touch x",
                "git status &&",
                "git status |",
                "git status && && touch x",
                "| touch x",
                "> out.txt",
                "git status >",
                "git status > *.txt",
                "git status > ~/x",
                "git status <&foo",
                "",
                "   ",
                "# only a comment",
                "git status \r#; touch x",
                "git status\rtouch x",
                "git status\u0000; touch x",
                "git status\u001b[2K; touch x",
                "git status\u200b; touch x",
                "git status\u202e; touch x",
                "git status\u2028touch x",
                "git status\u00a0; touch x",
                "git status\u0085touch x",
                "git status\ufeff",
            })
    void constructsItDoesNotModelAreRefused(String command) {
        assertThat(ShellParser.parse(command)).as(command).isInstanceOf(ShellCommand.NotUnderstood.class);
    }

    @Test
    void refusalsSayWhatWasNotUnderstood() {
        assertThat(((ShellCommand.NotUnderstood) ShellParser.parse("echo $(id)")).why())
                .contains("$ expansion");
        assertThat(((ShellCommand.NotUnderstood) ShellParser.parse("FOO=1 git status")).why())
                .contains("sets a variable");
        assertThat(((ShellCommand.NotUnderstood) ShellParser.parse("git status\u200b")).why())
                .contains("U+200B");
    }

    @Test
    void hugeInputsAreRefusedOrParsedQuickly() {
        String tooLong = "git status " + "a".repeat(ShellParser.MAX_LENGTH);
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> assertThat(ShellParser.parse(tooLong)).isInstanceOf(ShellCommand.NotUnderstood.class));
        String manyParts = "true;".repeat(10_000);
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> assertThat(understood(manyParts).commands()).hasSize(10_000));
        String deepQuotes = "echo " + "'a'\"b\"".repeat(5_000);
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> assertThat(understood(deepQuotes).commands()).hasSize(1));
    }
}
