package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.testing.Fixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
    @TempDir
    Path repo;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void team() throws Exception {
        PeersDir peers = PeersDir.of(repo).create();
        new TeamInfo(
                        "demo",
                        "team.yaml",
                        repo.toString(),
                        "abc",
                        repo.resolve("worktrees").toString(),
                        "qa",
                        List.of(new TeamInfo.RoleInfo(
                                "qa",
                                true,
                                "peers/qa",
                                repo.resolve("worktrees/qa").toString())))
                .write(peers.teamInfo());
        StringBuilder log = new StringBuilder();
        for (Fixture.Line line : Fixture.load("mcp_sdk_alwaysload").lines()) {
            ObjectNode record = Json.object().put("ts", "t").put("dir", line.dir());
            record.set("msg", line.msg());
            log.append(record.toString()).append('\n');
        }
        Files.writeString(peers.log("qa"), log);
    }

    @Test
    void printsATranscriptFromAnyFolderInsideTheRepository() throws Exception {
        team();
        Path deep = Files.createDirectories(repo.resolve("worktrees/qa/src"));
        assertThat(run("logs", "-C", deep.toString(), "qa")).isZero();
        assertThat(out.toString())
                .contains("> CALL_MCP please")
                .contains("qa uses send_message")
                .contains("-- turn done");
    }

    @Test
    void unknownRolesAreRejectedBeforeTheyBecomePaths() throws Exception {
        team();
        assertThat(run("logs", "-C", repo.toString(), "../../etc/passwd")).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString()).contains("has no role '../../etc/passwd'; its roles are qa");
    }

    @Test
    void withoutATeamItSaysHowToStartOne() {
        assertThat(run("logs", "-C", repo.toString(), "qa")).isEqualTo(ExitCodes.NO_COORDINATOR);
        assertThat(err.toString()).contains("no .peers/ folder").contains("peers-team up team.yaml");
    }
}
