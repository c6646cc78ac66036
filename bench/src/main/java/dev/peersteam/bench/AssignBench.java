package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of {@code peers-team assign ROLE TEXT}, a CLI client's whole round trip against a running team, next to
 * the floor of any Java CLI (a hello world on the same JVM). Typed in the team's folder, a quick verb is run by the
 * coordinator, and the client's JVM only sends it and prints the answer; typed elsewhere with {@code -C REPO}, it
 * runs in its own JVM (picocli's command model, Jackson's mapper), as every quick verb did before. Both are measured
 * through the launcher and as a bare {@code java -jar}. Runs are interleaved (one of each variant per round) so that
 * a noisy neighbour hits every variant alike.
 */
final class AssignBench {
    private AssignBench() {}

    /** The headline variant: what a person types in the team's folder. */
    static final String LAUNCHER_IN_TEAM = "./peers-team assign, typed in the team (run by the coordinator)";

    static final String LAUNCHER_ELSEWHERE = "./peers-team assign -C REPO, typed elsewhere (run in its own JVM)";

    record Variant(String name, List<String> command, Path cwd, boolean assigns) {}

    record Outcome(Variant variant, Stats wall) {}

    static List<Outcome> run(Context context, int warmup, int runs) throws IOException, InterruptedException {
        Path dir = context.dir("assign-");
        Agents agents = new Agents(context);
        List<TeamRepo.Role> team =
                List.of(new TeamRepo.Role("lead", agents.tiny(null)), new TeamRepo.Role("dev", agents.tiny(null)));
        Path repo = TeamRepo.create(dir.resolve("repo"), context.env(), team);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")); // no .peers/ here or above
        String java = context.java().toString();
        String jar = context.peersJar().toString();
        String launcher = context.root().resolve("peers-team").toString();

        List<Variant> variants = List.of(
                new Variant(
                        "JVM hello world (floor)",
                        List.of(java, "-cp", context.benchClasses().toString(), Hello.class.getName()),
                        repo,
                        false),
                new Variant(LAUNCHER_IN_TEAM, List.of(launcher, "assign"), repo, true),
                new Variant(
                        "java -jar peers-team.jar assign, typed in the team (no JVM options)",
                        List.of(java, "-jar", jar, "assign"),
                        repo,
                        true),
                new Variant(LAUNCHER_ELSEWHERE, List.of(launcher, "assign", "-C", repo.toString()), elsewhere, true),
                new Variant(
                        "java -jar peers-team.jar assign -C REPO, typed elsewhere (no JVM options)",
                        List.of(java, "-jar", jar, "assign", "-C", repo.toString()),
                        elsewhere,
                        true));

        Map<Variant, List<Long>> walls = new LinkedHashMap<>();
        variants.forEach(v -> walls.put(v, new ArrayList<>()));
        try (UpProcess up = UpProcess.start(context, repo, List.of(), "up", "team.yaml")) {
            up.awaitAllIdle(List.of("lead", "dev"), Duration.ofSeconds(60));
            int task = 0;
            for (int round = 0; round < warmup + runs; round++) {
                for (Variant variant : variants) {
                    long wall = time(context, variant, "task " + (++task), dir.resolve("assign.out"));
                    if (round >= warmup) {
                        walls.get(variant).add(wall);
                    }
                }
            }
            up.stop(Duration.ofSeconds(30));
        }
        return variants.stream()
                .map(variant -> new Outcome(variant, Stats.of(walls.get(variant))))
                .toList();
    }

    /** One run: start to exit; an assign must succeed. */
    private static long time(Context context, Variant variant, String taskText, Path output)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(variant.command());
        if (variant.assigns()) {
            command.addAll(List.of("dev", taskText));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(variant.cwd().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(context.env());
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        long wall = System.nanoTime() - start;
        String out = Files.readString(output);
        if (!exited || process.exitValue() != 0 || (variant.assigns() && !out.contains("assigned to dev"))) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    variant.name() + " failed (exit " + (exited ? process.exitValue() : "none") + "): " + out);
        }
        return wall;
    }
}
