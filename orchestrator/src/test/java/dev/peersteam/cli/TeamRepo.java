package dev.peersteam.cli;

import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.testing.TestRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real repository with role worktrees on {@code peers/<role>} and a hand-written {@code .peers/team.json}, as
 * {@code up} leaves them, for the verbs that work without a coordinator.
 */
final class TeamRepo {
    final Path repo;
    final String base;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    TeamRepo(Path tmp, String baseBranch, String... roles) throws Exception {
        repo = TestRepos.init(tmp.resolve("repo"));
        Files.writeString(repo.resolve("shared.txt"), "one\ntwo\nthree\n");
        git("add", "shared.txt");
        git("commit", "-q", "-m", "shared");
        // what `up` does: hide .peers/ and worktrees/ from git
        Files.writeString(repo.resolve(".git/info/exclude"), "/.peers/\n/worktrees/\n");
        base = git("rev-parse", "HEAD").strip();
        List<TeamInfo.RoleInfo> infos = new ArrayList<>();
        for (String role : roles) {
            Path worktree = repo.resolve("worktrees").resolve(role);
            git("worktree", "add", "-q", "-b", "peers/" + role, worktree.toString(), base);
            infos.add(new TeamInfo.RoleInfo(role, infos.isEmpty(), "peers/" + role, worktree.toString()));
        }
        PeersDir peers = PeersDir.of(repo).create();
        new TeamInfo(
                        "demo",
                        repo.resolve("team.yaml").toString(),
                        repo.toString(),
                        base,
                        repo.resolve("worktrees").toString(),
                        roles[0],
                        infos,
                        baseBranch)
                .write(peers.teamInfo());
    }

    Path worktree(String role) {
        return repo.resolve("worktrees").resolve(role);
    }

    String git(String... args) throws Exception {
        return TestRepos.git(repo, args);
    }

    String git(Path dir, String... args) throws Exception {
        return TestRepos.git(dir, args);
    }

    void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    void commit(String role, String file, String content, String message) throws Exception {
        write(worktree(role).resolve(file), content);
        git(worktree(role), "add", "--", file);
        git(worktree(role), "commit", "-q", "-m", message);
    }

    String head(String ref) throws Exception {
        return git("rev-parse", ref).strip();
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
