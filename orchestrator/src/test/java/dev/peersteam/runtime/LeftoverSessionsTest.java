package dev.peersteam.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.coordinator.Recovery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A leftover is stopped only when it is ours beyond doubt: this user, and its command line names the session. */
class LeftoverSessionsTest {
    private final List<Process> started = new ArrayList<>();

    /** A process whose command line carries {@code argument}, as an agent's carries its session id. */
    private Process processWith(String argument) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "sleep 60", "sh", argument).start();
        started.add(process);
        return process;
    }

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theProcessOfTheSessionIsStoppedWhateverPidTheJournalRecorded() throws Exception {
        Process resumed = processWith("--resume=11111111-1111-4111-8111-111111111111");
        Process fresh = processWith("--session-id=22222222-2222-4222-8222-222222222222");
        List<String> said = new ArrayList<>();

        LeftoverSessions.stop(
                List.of(
                        new Recovery.Launch("api", "11111111-1111-4111-8111-111111111111", 1, Instant.now()),
                        new Recovery.Launch("web", "22222222-2222-4222-8222-222222222222", 2, Instant.now())),
                said::add,
                Duration.ofMillis(200));

        assertThat(resumed.isAlive()).isFalse();
        assertThat(fresh.isAlive()).isFalse();
        assertThat(said).hasSize(2).allSatisfy(line -> assertThat(line).contains("still running"));
    }

    @Test
    void aProcessAtTheRecordedPidThatIsNotTheSessionIsLeftAlone() throws Exception {
        Process stranger = processWith("--session-id=33333333-3333-4333-8333-333333333333");
        Process similar = processWith("--resume=44444444-4444-4444-8444-4444444444445"); // a longer id

        LeftoverSessions.stop(
                List.of(new Recovery.Launch(
                        "api", "44444444-4444-4444-8444-444444444444", stranger.pid(), Instant.now())),
                line -> {},
                Duration.ofMillis(200));

        assertThat(stranger.isAlive()).as("a recycled pid").isTrue();
        assertThat(similar.isAlive()).as("an id that only starts like it").isTrue();
    }

    @Test
    void aLeftoverThatEndsByItselfWithinTheGraceIsNotSignalled() throws Exception {
        Process finishing = new ProcessBuilder(
                        "sh",
                        "-c",
                        "trap 'echo term; exit 3' TERM; sleep 0.3",
                        "sh",
                        "--session-id=55555555-5555-4555-8555-555555555555")
                .start();
        started.add(finishing);

        LeftoverSessions.stop(
                List.of(new Recovery.Launch("api", "55555555-5555-4555-8555-555555555555", 0, Instant.now())),
                line -> {},
                Duration.ofSeconds(10));

        assertThat(finishing.waitFor())
                .as("it finished its work instead of being terminated")
                .isZero();
    }
}
