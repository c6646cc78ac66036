package dev.peersteam.bench;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Round trip A → B → A between two simulated agent processes under the real coordinator ({@code peers-team up},
 * roles started through {@code command:}). A is {@link TimedSimMain}: the product's sim with a stopwatch on its
 * own stdin/stdout; B is the plain sim. Each round: the person sends A a word (control socket), A calls
 * {@code send_message} to B, B's script answers A with {@code send_message}, and A says it. Measured inside A: from
 * writing its tool call to reading B's message. Between them: two relays (each journaled and fsync'd), B's process
 * reading its stdin, starting a turn and calling its tool, and all the pipes. The other roles of larger teams are
 * idle {@code tiny-agent.sh} sessions (the coordinator's work for an idle session does not depend on what runs in
 * it).
 */
final class RoundTripBench {
    private RoundTripBench() {}

    static Stats run(Context context, int roles, int warmup, int samples) throws IOException, InterruptedException {
        Path dir = context.dir("roundtrip-" + roles + "-");
        Path script = context.resource("roundtrip.yaml", false);
        Path timing = dir.resolve("timing.txt");
        Agents agents = new Agents(context);
        List<TeamRepo.Role> team = new ArrayList<>();
        team.add(new TeamRepo.Role("a", agents.timedSim(script, timing, "b")));
        team.add(new TeamRepo.Role("b", agents.javaSim(script)));
        for (int i = 2; i < roles; i++) {
            team.add(new TeamRepo.Role(String.format("x%03d", i), agents.tiny(null)));
        }
        Path repo = TeamRepo.create(dir.resolve("repo"), context.env(), team);
        try (UpProcess up = UpProcess.start(context, repo, List.of(), "up", "team.yaml")) {
            up.awaitAllIdle(team.stream().map(TeamRepo.Role::name).toList(), Duration.ofSeconds(60 + roles));
            try (ControlClient client = up.connect()) {
                for (int k = 0; k < warmup + samples; k++) {
                    int from = up.lineCount();
                    String word = "k" + k + ";";
                    if (!(client.request(new ControlRequest.Send("a", word)) instanceof ControlResponse.Ok)) {
                        throw new IllegalStateException("the coordinator refused to send to a");
                    }
                    up.awaitFrom(from, line -> line.contains("says: rt pong ping " + word), Duration.ofSeconds(30));
                    Thread.sleep(10); // let both turns end before the next round
                }
            }
            up.stop(Duration.ofSeconds(30));
        }
        List<String> lines = Files.readAllLines(timing);
        if (lines.size() != warmup + samples) {
            throw new IllegalStateException(
                    "expected " + (warmup + samples) + " round trips timed by a, found " + lines.size());
        }
        long[] rtts = lines.subList(warmup, lines.size()).stream()
                .mapToLong(line -> Long.parseLong(line.split(" ")[2]))
                .toArray();
        return Stats.of(rtts);
    }
}
