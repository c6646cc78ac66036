package dev.peersteam.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.team.NoticeKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NoticesTest {
    private final Notices notices =
            new Notices("shop", Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC));

    private List<Notice> of(TeamEvent... events) {
        return Stream.of(events).map(notices::of).flatMap(Optional::stream).toList();
    }

    @Test
    void eachMomentThatNeedsAPersonIsOneNoticeOfItsKind() {
        List<Notice> told = of(
                new TeamEvent.PermissionAsked("qa", "p1", "Bash(rm -rf build)", "not allowed"),
                new TeamEvent.Exited("qa", 137, false, List.of()),
                new TeamEvent.StateChanged("qa", SessionState.CRASHED, "gave up after 5 crashes in a row"),
                new TeamEvent.BudgetReached("qa", Usd.ofDollars(0.52), Usd.ofDollars(0.5)),
                new TeamEvent.BudgetReached(null, Usd.ofDollars(2.1), Usd.ofDollars(2.0)),
                new TeamEvent.TaskChanged("qa", "T2", TaskStatus.FAILED, "backend", "Login"),
                new TeamEvent.Settled(null, TeamEvent.Settled.STUCK, "2 tasks: 1 done, 1 assigned"),
                new TeamEvent.Settled(null, TeamEvent.Settled.DONE, "2 tasks: 2 done"));
        assertThat(told)
                .extracting(Notice::kind)
                .containsExactly(
                        NoticeKind.PERMISSION,
                        NoticeKind.CRASHED,
                        NoticeKind.CRASHED,
                        NoticeKind.BUDGET,
                        NoticeKind.BUDGET,
                        NoticeKind.TASK_FAILED,
                        NoticeKind.STUCK,
                        NoticeKind.DONE);
        assertThat(told.getFirst().text())
                .isEqualTo("qa asks to use Bash(rm -rf build) [p1]: approve or deny it (peers-team approve p1, the"
                        + " console or the dashboard)");
        assertThat(told.getFirst().id()).isEqualTo("p1");
        assertThat(told.get(3).text())
                .isEqualTo("qa reached its budget: $0.5200 of $0.5000; the role is stopped for good");
        assertThat(told.get(4).text()).isEqualTo("team shop reached its budget: $2.1000 of $2.0000; the team stops");
        assertThat(told.get(5).text()).isEqualTo("task T2 failed (backend): Login; marked by qa");
        assertThat(told.get(5).role()).isEqualTo("backend");
        assertThat(told.get(7).text()).isEqualTo("team shop: the board is done (2 tasks: 2 done)");
    }

    @Test
    void whatIsToldAgainIsNotNewsButAFailureAfterAReopeningIs() {
        assertThat(of(
                        new TeamEvent.PermissionAsked("qa", "p1", "Bash(x)", "why"),
                        new TeamEvent.PermissionAsked("qa", "p1", "Bash(x)", "why"),
                        new TeamEvent.TaskChanged("qa", "T1", TaskStatus.FAILED, "qa", "A"),
                        new TeamEvent.TaskChanged("lead", "T1", TaskStatus.FAILED, "qa", "A"), // a note on it
                        new TeamEvent.BudgetReached("qa", Usd.ofDollars(1.0), Usd.ofDollars(1.0)),
                        new TeamEvent.BudgetReached("qa", Usd.ofDollars(1.2), Usd.ofDollars(1.0))))
                .hasSize(3);
        assertThat(of(
                        new TeamEvent.TaskChanged("lead", "T1", TaskStatus.ASSIGNED, "qa", "A"),
                        new TeamEvent.TaskChanged("qa", "T1", TaskStatus.FAILED, "qa", "A")))
                .singleElement()
                .extracting(Notice::kind)
                .isEqualTo(NoticeKind.TASK_FAILED);
    }

    @Test
    void everydayEventsAndTheEndsPeopleCausedAreNotNotices() {
        assertThat(of(
                        new TeamEvent.Exited("qa", 0, true, List.of()),
                        new TeamEvent.StateChanged("qa", SessionState.IDLE, null),
                        new TeamEvent.TaskChanged("qa", "T1", TaskStatus.DONE, "qa", "A"),
                        new TeamEvent.Settled(null, TeamEvent.Settled.FAILED, "1 task: 1 failed"),
                        new TeamEvent.Said("qa", "hello"),
                        new TeamEvent.Warning(null, "stopping the team: peers-team down")))
                .isEmpty();
    }

    @Test
    void aNoticeIsOneCleanLineWhateverTheModelWrote() {
        Notice notice = of(new TeamEvent.PermissionAsked(
                        "qa", "p9", "Bash(echo \u001b[2J\u202eevil\nsecond line\u0007)", "x"))
                .getFirst();
        assertThat(notice.text())
                .doesNotContain("\u001b", "\u202e", "\n", "\u0007")
                .contains("Bash(echo [2J evil second line )");
        Notice longOne = of(new TeamEvent.TaskChanged("qa", "T1", TaskStatus.FAILED, "qa", "x".repeat(5000)))
                .getFirst();
        assertThat(longOne.text()).hasSize(Notice.MAX_TEXT).endsWith("…");
    }
}
