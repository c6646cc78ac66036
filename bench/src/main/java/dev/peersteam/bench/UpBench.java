package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code peers-team up} until 4 roles are ready: wall time from starting the process to the fourth role's
 * {@code is idle} line (its agent answered {@code initialize}), in a fresh repository each run (so worktree creation
 * is included). Split at the first output line (JVM, command line, team file, git checks), and at the line
 * {@code team ... is starting 4 sessions} (then worktrees, journal, control socket are done); after it, the agents'
 * start.
 */
final class UpBench {
    private UpBench() {}

    enum Agents4 {
        JAVA_SIM,
        JAVA_SIM_CDS,
        TINY
    }

    record Result(Agents4 agents, Stats total, Stats firstLine, Stats coordinator, Stats sessions) {}

    static Result run(Context context, Agents4 kind, int warmup, int runs) throws IOException, InterruptedException {
        Agents agents = new Agents(context);
        Path script = context.resource("idle.yaml", false);
        List<String> names = List.of("manager", "backend", "frontend", "qa");
        Path simCds = context.scratch().resolve("sim-dynamic.jsa");
        Path upCds = context.scratch().resolve("up-dynamic.jsa");
        List<String> upOptions = kind == Agents4.JAVA_SIM_CDS
                ? List.of("-XX:SharedArchiveFile=" + upCds, "-XX:+AutoCreateSharedArchive")
                : List.of();
        long[] total = new long[runs];
        long[] coordinator = new long[runs];
        long[] firstLine = new long[runs];
        long[] sessions = new long[runs];
        for (int run = 0; run < warmup + runs; run++) {
            List<TeamRepo.Role> team = new ArrayList<>();
            for (String name : names) {
                team.add(new TeamRepo.Role(
                        name,
                        switch (kind) {
                            case JAVA_SIM -> agents.javaSim(script);
                            case JAVA_SIM_CDS ->
                                agents.javaSim(
                                        script,
                                        "-XX:SharedArchiveFile=" + simCds,
                                        "-XX:+AutoCreateSharedArchive",
                                        "-XX:TieredStopAtLevel=1");
                            case TINY -> agents.tiny(null);
                        }));
            }
            Path repo = TeamRepo.create(context.dir("up-").resolve("repo"), context.env(), team);
            try (UpProcess up = UpProcess.start(context, repo, upOptions, "up", "team.yaml")) {
                long first = up.await(line -> true, Duration.ofSeconds(60)).nanoTime();
                long starting = up.await(
                                line -> line.contains(" is starting " + names.size() + " sessions"),
                                Duration.ofSeconds(60))
                        .nanoTime();
                long ready = up.awaitAllIdle(names, Duration.ofSeconds(60));
                if (run >= warmup) {
                    total[run - warmup] = ready - up.startedAt();
                    coordinator[run - warmup] = starting - up.startedAt();
                    firstLine[run - warmup] = first - up.startedAt();
                    sessions[run - warmup] = ready - starting;
                }
                up.stop(Duration.ofSeconds(30));
            }
        }
        return new Result(kind, Stats.of(total), Stats.of(firstLine), Stats.of(coordinator), Stats.of(sessions));
    }
}
