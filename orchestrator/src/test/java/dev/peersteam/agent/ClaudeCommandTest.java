package dev.peersteam.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import dev.peersteam.team.AgentKind;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.team.WatchedRoles;
import dev.peersteam.testing.TestTeams;
import dev.peersteam.tools.TeamToolCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCommandTest {
    @TempDir
    Path dir;

    private RoleSpec role(Boolean sandbox, AgentKind agent) {
        RoleSpec base = TestTeams.role("qa", true, List.of("Read", "Bash(git status:*)"));
        return new RoleSpec(
                base.name(),
                true,
                base.prompt(),
                null,
                agent,
                null,
                "acceptEdits",
                base.allowedTools(),
                null,
                null,
                null,
                null,
                WatchedRoles.NONE,
                agent == AgentKind.SIM ? dir.resolve("script.yaml") : null,
                sandbox);
    }

    private ClaudeCommand command(String path) {
        TeamSpec team = TestTeams.team(dir, null, "qa");
        return new ClaudeCommand(
                team,
                new TeamToolCatalog(),
                Map.of("PATH", path),
                List.of(dir.resolve(".peers"), Path.of("/run/user/0/peers-team-root/ab12.sock")));
    }

    private Path binWith(String... programs) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin-" + programs.length));
        for (String program : programs) {
            Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bin.resolve(program), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private static String after(List<String> argv, String flag) {
        int at = argv.indexOf(flag);
        return at < 0 ? null : argv.get(at + 1);
    }

    @Test
    void everySessionDeniesItselfTheCoordinatorsFiles() {
        List<String> argv = command("/nowhere").argv(role(false, AgentKind.CLAUDE), "sess-1", false);
        assertThat(after(argv, "--allowedTools")).contains("Read", "Bash(git status:*)");
        assertThat(after(argv, "--disallowedTools").split(","))
                .contains(
                        "Bash(*.peers*)",
                        "Bash(*control.sock*)",
                        "Bash(*ab12.sock*)",
                        "Read(/" + dir.resolve(".peers") + "/**)",
                        "Edit(/" + dir.resolve(".peers") + "/**)",
                        "Read(//run/user/0/peers-team-root/ab12.sock)");
    }

    @Test
    void theSandboxIsOnWhereBwrapAndSocatAreFoundUnlessTheRoleSaysOtherwise() throws Exception {
        ClaudeCommand available = command(binWith("bwrap", "socat").toString());
        ClaudeCommand missing = command(binWith("bwrap").toString());
        assertThat(available.sandboxAvailable()).isTrue();
        assertThat(missing.sandboxAvailable()).isFalse();
        assertThat(missing.sandboxMissing()).containsExactly("socat");

        assertThat(after(available.argv(role(null, AgentKind.CLAUDE), "sess-1", false), "--settings"))
                .isNotNull();
        assertThat(after(missing.argv(role(null, AgentKind.CLAUDE), "sess-1", false), "--settings"))
                .isNull();
        assertThat(after(available.argv(role(false, AgentKind.CLAUDE), "sess-1", false), "--settings"))
                .isNull();
        assertThat(after(missing.argv(role(true, AgentKind.CLAUDE), "sess-1", false), "--settings"))
                .as("asked for explicitly: up refuses to start instead (TeamRuntime)")
                .isNotNull();
        assertThat(after(available.argv(role(null, AgentKind.SIM), "sess-1", false), "--settings"))
                .as("the sim agent runs no shell")
                .isNull();
    }

    @Test
    void theSandboxConfinesButDoesNotReplaceTheRules() throws Exception {
        String settings = after(
                command(binWith("bwrap", "socat").toString()).argv(role(true, AgentKind.CLAUDE), "sess-1", false),
                "--settings");
        JsonNode sandbox = Json.MAPPER.readTree(settings).path("sandbox");
        assertThat(sandbox.path("enabled").asBoolean()).isTrue();
        assertThat(sandbox.path("autoAllowBashIfSandboxed").asBoolean(true)).isFalse();
        assertThat(sandbox.path("allowUnsandboxedCommands").asBoolean(true)).isFalse();
        assertThat(sandbox.path("failIfUnavailable").asBoolean()).isTrue();
        assertThat(sandbox.path("filesystem").path("denyRead"))
                .extracting(JsonNode::asText)
                .containsExactly(dir.resolve(".peers").toString(), "/run/user/0/peers-team-root/ab12.sock");
    }
}
