package dev.peersteam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDagTest {
    /** 0 → {1, 2} → 3, durations 1, 2, 3, 4: the chain 0, 2, 3 is 8 long, the work 10. */
    private static final TaskDag DIAMOND =
            new TaskDag(0, new long[] {1, 2, 3, 4}, List.of(List.of(), List.of(0), List.of(0), List.of(1, 2)));

    @Test
    void theBoundIsTheCriticalPathOrTheWorkSpreadEvenly() {
        assertThat(DIAMOND.criticalPath()).isEqualTo(8);
        assertThat(DIAMOND.criticalChain()).containsExactly(0, 2, 3);
        assertThat(DIAMOND.totalWork()).isEqualTo(10);
        assertThat(DIAMOND.lowerBound(8)).isEqualTo(8);
        assertThat(DIAMOND.lowerBound(2)).isEqualTo(8);
        assertThat(DIAMOND.lowerBound(1)).isEqualTo(10);
        assertThat(new TaskDag(0, new long[] {5, 5, 5}, List.of(List.of(), List.of(), List.of())).lowerBound(2))
                .as("work 15 on 2 slots rounds up")
                .isEqualTo(8);
    }

    @Test
    void listSchedulingGivesTheLongerChainTheFreeRoleAndTheReplayKeepsToIt() {
        TaskDag.Schedule plan = DIAMOND.listSchedule(2);

        assertThat(plan.plannedMakespan()).isEqualTo(8);
        assertThat(plan.roleOf()[1]).isNotEqualTo(plan.roleOf()[2]); // 1 and 2 run side by side
        assertThat(DIAMOND.replay(plan.roleOf(), 2, 2)).isEqualTo(8);
        assertThat(DIAMOND.replay(plan.roleOf(), 2, 1))
                .as("one at a time: all the work")
                .isEqualTo(10);
        assertThat(DIAMOND.replay(new int[] {0, 0, 0, 0}, 2, 2))
                .as("everything on one role")
                .isEqualTo(10);
    }

    @Test
    void aScaledGraphScalesItsBoundAndKeepsItsSchedule() {
        TaskDag dag = TaskDag.random(7, 50, 7, 500, 2500);
        TaskDag longer = dag.scaled(4);

        assertThat(longer.criticalPath()).isEqualTo(4 * dag.criticalPath());
        assertThat(longer.totalWork()).isEqualTo(4 * dag.totalWork());
        assertThat(longer.listSchedule(8).roleOf())
                .isEqualTo(dag.listSchedule(8).roleOf());
        assertThat(longer.replay(dag.listSchedule(8).roleOf(), 8, 3))
                .isEqualTo(4 * dag.replay(dag.listSchedule(8).roleOf(), 8, 3));
    }

    @Test
    void theGeneratorIsSeededLayeredAndWithinItsDurations() {
        TaskDag dag = TaskDag.random(42, 50, 7, 500, 2500);

        assertThat(TaskDag.random(42, 50, 7, 500, 2500).durations()).isEqualTo(dag.durations());
        assertThat(TaskDag.random(42, 50, 7, 500, 2500).dependsOn()).isEqualTo(dag.dependsOn());
        assertThat(TaskDag.random(43, 50, 7, 500, 2500).durations()).isNotEqualTo(dag.durations());
        assertThat(dag.size()).isEqualTo(50);
        assertThat(java.util.Arrays.stream(dag.durations()).boxed())
                .allSatisfy(d -> assertThat(d).isBetween(500L, 2500L));
        for (int id = 0; id < dag.size(); id++) {
            int task = id;
            assertThat(dag.dependsOn().get(id)).allSatisfy(d -> assertThat(d).isLessThan(task));
        }
        assertThat(dag.criticalChain())
                .as("one task per layer on the longest chain")
                .hasSize(7);
        long chain =
                dag.criticalChain().stream().mapToLong(t -> dag.durations()[t]).sum();
        assertThat(chain).isEqualTo(dag.criticalPath());
    }

    @Test
    void listSchedulesStayWithinGrahamsBoundOfTwiceTheLowerBound() {
        for (long seed = 1; seed <= 200; seed++) {
            TaskDag dag = TaskDag.random(seed, 50, 1 + (int) (seed % 12), 500, 2500);
            for (int roles : new int[] {1, 3, 8}) {
                TaskDag.Schedule plan = dag.listSchedule(roles);
                long bound = dag.lowerBound(roles);
                assertThat(plan.plannedMakespan())
                        .as("seed %d, %d roles", seed, roles)
                        .isBetween(bound, 2 * bound);
                long replayed = dag.replay(plan.roleOf(), roles, roles);
                assertThat(replayed).as("seed %d, %d roles", seed, roles).isBetween(bound, 2 * bound);
                assertThat(dag.replay(plan.roleOf(), roles, 1)).isEqualTo(dag.totalWork());
            }
        }
    }
}
