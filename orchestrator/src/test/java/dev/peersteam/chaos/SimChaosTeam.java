package dev.peersteam.chaos;

import dev.peersteam.testing.TestRepos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The chaos team of simulated agents: a lead and two workers running the behaviour script {@code chaos-team.yaml}
 * (32 tasks, numbered notes from the lead, messages between the workers), in a fresh repository.
 */
public final class SimChaosTeam {
    /** What the first up must print before anything is hurt: the lead's plan is on the board. */
    public static final java.util.function.Predicate<String> PLAN_DONE =
            line -> line.matches("^\\S+ lead\\s+turn done.*");

    private SimChaosTeam() {}

    /** A new repository under {@code dir} with the team file and the script; the agents keep their state in dir. */
    public static ChaosTeam create(Path dir) throws IOException, InterruptedException {
        Path repo = TestRepos.init(dir.resolve("repo"));
        TestRepos.git(repo, "config", "user.name", "sim");
        TestRepos.git(repo, "config", "user.email", "sim@peers.invalid");
        try (InputStream script = SimChaosTeam.class.getResourceAsStream("/dev/peersteam/chaos/chaos-team.yaml")) {
            if (script == null) {
                throw new IOException("missing resource /dev/peersteam/chaos/chaos-team.yaml");
            }
            Files.write(repo.resolve("sim.yaml"), script.readAllBytes());
        }
        Files.writeString(repo.resolve("team.yaml"), """
                name: chaos
                goal: "Build the 32 parts."
                defaults:
                  agent: sim
                  sim_script: sim.yaml
                  permission_mode: acceptEdits
                  allowed_tools: ["Bash(git *)"]
                roles:
                  lead: {lead: true}
                  w1: {}
                  w2: {}
                """);
        Path configDir = dir.resolve("claude-config");
        Files.createDirectories(configDir);
        Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of(
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", dir.resolve("home").toString(),
                "CLAUDE_CONFIG_DIR", configDir.toString(),
                "LANG", "C.UTF-8");
        return new ChaosTeam(repo, "team.yaml", List.of("lead", "w1", "w2"), env, configDir);
    }
}
