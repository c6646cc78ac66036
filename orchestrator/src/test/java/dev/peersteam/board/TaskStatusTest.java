package dev.peersteam.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peersteam.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskStatusTest {
    @Test
    void wireNamesAreLowercaseWithUnderscores() {
        assertThat(TaskStatus.IN_PROGRESS.wire()).isEqualTo("in_progress");
        assertThat(TaskStatus.IN_PROGRESS).hasToString("in_progress");
        assertThat(TaskStatus.allNames())
                .isEqualTo("todo, assigned, in_progress, blocked, review, done, failed, cancelled");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "in_progress",
                "IN_PROGRESS",
                "in-progress",
                "In Progress",
                " in progress ",
                "in - progress",
                "In_Progress"
            })
    void parseToleratesHowPeopleWriteAStatus(String text) {
        assertThat(TaskStatus.parse(text)).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void everyWireNameParsesBack() {
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(TaskStatus.parse(status.wire())).isEqualTo(status);
        }
    }

    @Test
    void anUnknownOrMissingStatusIsRejectedWithTheValidOnes() {
        assertThatThrownBy(() -> TaskStatus.parse("wip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown status \"wip\"; use one of: todo, assigned, in_progress, blocked, review, done,"
                        + " failed, cancelled");
        assertThatThrownBy(() -> TaskStatus.parse("  ")).hasMessageStartingWith("status is missing; use one of:");
        assertThatThrownBy(() -> TaskStatus.parse(null)).hasMessageStartingWith("status is missing");
        assertThatThrownBy(() -> TaskStatus.parse("inprogress")).hasMessageStartingWith("unknown status");
    }

    @Test
    void openAndTerminal() {
        assertThat(TaskStatus.values())
                .filteredOn(TaskStatus::isTerminal)
                .containsExactly(TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.CANCELLED);
        assertThat(TaskStatus.values())
                .filteredOn(TaskStatus::isOpen)
                .containsExactly(
                        TaskStatus.TODO,
                        TaskStatus.ASSIGNED,
                        TaskStatus.IN_PROGRESS,
                        TaskStatus.BLOCKED,
                        TaskStatus.REVIEW);
    }

    @Test
    void jsonUsesTheWireName() throws Exception {
        assertThat(Json.MAPPER.writeValueAsString(TaskStatus.IN_PROGRESS)).isEqualTo("\"in_progress\"");
        assertThat(Json.MAPPER.readValue("\"in_progress\"", TaskStatus.class)).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(Json.MAPPER.readValue("\"Review\"", TaskStatus.class)).isEqualTo(TaskStatus.REVIEW);
    }
}
