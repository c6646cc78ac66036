package dev.peersteam.chaos;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A team ready to be run by {@link ChaosRun}: its repository with the team file, the roles, the exact environment of
 * every {@code up} (which decides where the agents keep their transcripts), and the transcripts' config folder.
 *
 * @param repo the git repository {@code up} runs in
 * @param teamFile the team file, relative to {@code repo}
 * @param roles every role, lead first
 * @param env the whole environment of the coordinator (and so of its agents)
 * @param configDir the agents' {@code CLAUDE_CONFIG_DIR}
 */
public record ChaosTeam(Path repo, String teamFile, List<String> roles, Map<String, String> env, Path configDir) {
    public ChaosTeam {
        roles = List.copyOf(roles);
        env = Map.copyOf(env);
    }

    /** Where each role's session runs (and so which transcript folder is whose). */
    Map<String, Path> worktrees() {
        Map<String, Path> worktrees = new LinkedHashMap<>();
        roles.forEach(role -> worktrees.put(role, repo.resolve("worktrees").resolve(role)));
        return worktrees;
    }

    Path journal() {
        return repo.resolve(".peers").resolve("journal.jsonl");
    }
}
