package dev.peersteam.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import dev.peersteam.testing.CoordinatorProcess;
import dev.peersteam.testing.SimCommand;
import dev.peersteam.testing.TestRepos;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max_active} through the packaged {@code peers-team up}: six simulated roles, each answering the person after
 * a pause, a cap of two. A message to all of them goes out to two at once; the others wait, and every role answers.
 * The turns are read back from the traffic logs (the CLI's own {@code started} and {@code result} frames, stamped by
 * the coordinator's clock): never more than two overlap.
 */
class MaxActiveIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> ROLES =
            IntStream.rangeClosed(1, 6).mapToObj(i -> "r" + i).toList();

    @TempDir
    Path temp;

    @Test
    void aMessageToEveryoneRunsTwoTurnsAtATimeAndEveryRoleAnswers() throws Exception {
        Path repo = TestRepos.init(temp.resolve("repo"));
        Files.writeString(repo.resolve("team.yaml"), """
                name: capped
                max_active: 2
                defaults:
                  command: [%s]
                roles:
                %s
                """.formatted(
                        simCommand(), ROLES.stream().map(r -> "  " + r + ": {}").collect(Collectors.joining("\n"))));
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", temp.toString());

        try (CoordinatorProcess up = CoordinatorProcess.start(repo, env, "up", "team.yaml", "--no-console")) {
            for (String role : ROLES) {
                up.awaitLine(line -> line.matches(".*\\b" + role + "\\s+is idle.*"), WAIT);
            }
            try (CoordinatorProcess send = CoordinatorProcess.start(repo, env, "send", "all", "status, please")) {
                assertThat(send.waitFor(WAIT)).isZero();
                assertThat(send.output())
                        .filteredOn(line -> line.startsWith("sent"))
                        .hasSize(2);
                assertThat(send.output())
                        .filteredOn(line -> line.startsWith("queued"))
                        .hasSize(4);
            }
            for (String role : ROLES) {
                up.awaitLine(line -> line.contains("says: done " + role), WAIT);
            }
            up.terminate();
            assertThat(up.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
        }

        List<Turn> turns = new ArrayList<>();
        for (String role : ROLES) {
            turns.addAll(turnsOf(role, repo.resolve(".peers/logs/" + role + ".jsonl")));
        }
        assertThat(turns).as("one turn per role").hasSize(ROLES.size());
        assertThat(mostAtOnce(turns)).as("turns at once: %s", turns).isEqualTo(2);
    }

    record Turn(String role, Instant start, Instant end) {}

    /** From each {@code command_lifecycle started} to the next {@code result}, as the coordinator logged them. */
    private static List<Turn> turnsOf(String role, Path log) throws IOException {
        List<Turn> turns = new ArrayList<>();
        Instant start = null;
        for (String line : Files.readAllLines(log)) {
            JsonNode record = Json.MAPPER.readTree(line);
            JsonNode msg = record.path("msg");
            if (!"<".equals(record.path("dir").asText())) {
                continue;
            }
            Instant at = Instant.parse(record.path("ts").asText());
            if (msg.path("type").asText().equals("command_lifecycle")
                    && msg.path("state").asText().equals("started")
                    && start == null) {
                start = at;
            } else if (msg.path("type").asText().equals("result") && start != null) {
                turns.add(new Turn(role, start, at));
                start = null;
            }
        }
        return turns;
    }

    private static int mostAtOnce(List<Turn> turns) {
        int most = 0;
        for (Turn turn : turns) {
            Instant at = turn.start();
            int overlapping = (int) turns.stream()
                    .filter(t -> !t.start().isAfter(at) && t.end().isAfter(at))
                    .count();
            most = Math.max(most, overlapping);
        }
        return most;
    }

    private static String simCommand() throws URISyntaxException {
        return SimCommand.yamlList(
                Path.of(MaxActiveIT.class.getResource("max-active.yaml").toURI()));
    }
}
