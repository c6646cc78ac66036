package dev.peersteam.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CriticalPathTest {
    private final Team team = new Team();

    @Test
    void theRoleHoldingTheStartOfTheLongestOpenChainComesFirst() {
        // T1 <- T2 <- T3 <- T4: a chain of four behind backend's T1; qa's T5 <- T6 (two); manager's T7 alone
        String t1 = team.create(Team.LEAD, "schema", "backend");
        String t2 = team.create(Team.LEAD, "API", null, t1);
        String t3 = team.create(Team.LEAD, "UI", null, t2);
        team.create(Team.LEAD, "end-to-end tests", "qa", t3);
        String t5 = team.create(Team.LEAD, "test plan", "qa");
        team.create(Team.LEAD, "test data", null, t5);
        String t7 = team.create(Team.LEAD, "release notes", "manager");
        CriticalPath path = new CriticalPath(team.board);

        assertThat(path.ofRole("backend")).isEqualTo(4);
        assertThat(path.ofRole("qa")).isEqualTo(2); // its T4 has nothing behind it, its T5 one task
        assertThat(path.ofRole("manager")).isEqualTo(1);
        assertThat(path.ofRole("nobody")).isZero();

        team.update(Team.BACKEND, t1, TaskStatus.DONE, null);
        team.update(Team.LEAD, t7, TaskStatus.DONE, null);
        CriticalPath later = new CriticalPath(team.board);
        assertThat(later.ofRole("backend")).as("what it held is done").isZero();
        assertThat(later.ofRole("manager")).isZero();
    }
}
