package dev.peersteam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.runtime.TeamInfo;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Completion from the console's local picture of the team, called directly with parsed lines. */
@Timeout(30)
class ConsoleCompleterTest {
    private final TeamView view = new TeamView(new TeamInfo(
            "shop",
            "team.yaml",
            "/repo",
            "abc",
            "/repo/worktrees",
            "manager",
            List.of(
                    new TeamInfo.RoleInfo("manager", true, "peers/manager", "/repo/worktrees/manager"),
                    new TeamInfo.RoleInfo("backend", false, "peers/backend", "/repo/worktrees/backend"),
                    new TeamInfo.RoleInfo("qa", false, "peers/qa", "/repo/worktrees/qa"))));
    private final ConsoleCompleter completer = new ConsoleCompleter(view);

    private List<Candidate> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(
                null, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
        return candidates;
    }

    private List<String> values(String line) {
        return complete(line).stream().map(Candidate::value).toList();
    }

    @Test
    void theFirstWordIsACommand() {
        assertThat(values("")).containsAll(ConsoleCommands.NAMES);
        assertThat(values("sh")).contains("show"); // JLine filters by the prefix; the completer offers all
        assertThat(complete("").stream()
                        .filter(c -> c.value().equals("tail"))
                        .findFirst()
                        .orElseThrow()
                        .descr())
                .contains("until a key is pressed");
    }

    @Test
    void commandsThatTakeARoleCompleteRoleNamesFromTheTeam() {
        for (String command : List.of("show ", "tail ", "assign ", "interrupt ", "logs ", "show b")) {
            assertThat(values(command)).as(command).containsExactly("manager", "backend", "qa");
        }
        assertThat(values("send ")).containsExactly("manager", "backend", "qa", "all");
    }

    @Test
    void roleNamesCarryTheirStateOnceKnown() {
        view.event(new TeamEvent.StateChanged("backend", SessionState.BUSY, null));
        assertThat(complete("show "))
                .filteredOn(c -> c.value().equals("backend"))
                .extracting(Candidate::descr)
                .containsExactly("busy");
    }

    @Test
    void approveAlwaysAndDenyCompleteTheRequestsThatWait() {
        assertThat(values("approve ")).isEmpty();
        view.event(new TeamEvent.PermissionAsked("backend", "p1", "Bash(touch x)", "not allowed"));
        view.event(new TeamEvent.PermissionAsked("qa", "p2", "Bash(npm test)", "not allowed"));
        for (String command : List.of("approve ", "always ", "deny ")) {
            assertThat(values(command)).as(command).containsExactly("p1", "p2");
        }
        assertThat(complete("deny ").getFirst().descr()).isEqualTo("backend: Bash(touch x)");

        // ps is the exact picture: p1 was answered meanwhile
        PsReply ps = ConsoleHarness.FakeCoordinator.ps();
        view.ps(new PsReply(ps.team(), Usd.ofDollars(0.5), ps.uptimeSeconds(), ps.roles()));
        assertThat(values("approve ")).containsExactly("p1"); // the fake's ps has p1 waiting
    }

    @Test
    void afterAfterComeTaskIds() {
        view.board(ConsoleHarness.FakeCoordinator.board());
        view.event(new TeamEvent.TaskChanged("manager", "T2", TaskStatus.ASSIGNED, "qa", "Test the login"));
        assertThat(values("assign qa test it --after ")).containsExactly("T1", "T2");
        assertThat(complete("assign qa test it --after ").get(1).descr()).isEqualTo("assigned: Test the login");
    }

    @Test
    void nothingIsOfferedWhereFreeTextGoes() {
        assertThat(values("send qa ")).isEmpty();
        assertThat(values("roles ")).isEmpty();
    }

    @Test
    void helpCompletesCommands() {
        assertThat(values("help ")).containsAll(ConsoleCommands.NAMES);
    }
}
