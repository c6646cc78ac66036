package dev.peersteam.runtime;

import dev.peersteam.git.GitRepo;
import dev.peersteam.git.SetupListener;
import dev.peersteam.git.SetupStep;
import dev.peersteam.git.Worktree;
import dev.peersteam.git.WorktreeSetup;
import dev.peersteam.git.Worktrees;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a team works in: the repository, one worktree per role, and {@code .peers/}. {@link #check} reads
 * only; {@link #create} is the first step that changes anything, so every check runs before it.
 */
public final class Workspace {
    /** Where {@code up} says what it is doing while it prepares worktrees. */
    public interface Progress {
        void worktree(Worktree worktree);

        void setup(String role, String step, boolean done, boolean ok);
    }

    private final TeamSpec team;
    private final GitRepo repo;
    private final String baseCommit;
    private final String baseBranch;

    private Workspace(TeamSpec team, GitRepo repo, String baseCommit, String baseBranch) {
        this.team = team;
        this.repo = repo;
        this.baseCommit = baseCommit;
        this.baseBranch = baseBranch;
    }

    /** Checks that the repository exists and the base resolves; throws {@code GitException} with advice if not. */
    public static Workspace check(TeamSpec team) {
        GitRepo repo = GitRepo.open(team.repo());
        String base = team.base() == null ? repo.currentHead() : repo.resolveCommit(team.base());
        String branch = team.base() != null && repo.hasBranch(team.base())
                ? team.base()
                : repo.currentBranch().orElse(null);
        return new Workspace(team, repo, base, branch);
    }

    public GitRepo repo() {
        return repo;
    }

    public String baseCommit() {
        return baseCommit;
    }

    /**
     * The branch the team's work is merged back into by default: {@code base:} when it is a local branch, else the
     * branch checked out in the repository now; null when HEAD is detached.
     */
    public String baseBranch() {
        return baseBranch;
    }

    public PeersDir peersDir() {
        return PeersDir.of(repo.topLevel());
    }

    /**
     * The {@code copy:} paths, which the team file gives relative to {@code repo}, relative to the top of the work tree
     * instead, as worktrees mirror it: the same as written unless {@code repo} is a folder inside the repository.
     */
    List<String> copiedFromTopLevel() {
        Path repoDir;
        try {
            repoDir = team.repo().toRealPath();
        } catch (java.io.IOException e) {
            return team.copy(); // Workspace.check opened it a moment ago; git reports it again if it is gone
        }
        List<String> copied = new ArrayList<>();
        for (String path : team.copy()) {
            Path inRepo = repoDir.resolve(path).normalize();
            copied.add(
                    inRepo.startsWith(repo.topLevel())
                            ? repo.topLevel().relativize(inRepo).toString().replace('\\', '/')
                            : path);
        }
        return copied;
    }

    /**
     * Creates {@code .peers/}, hides it and the worktrees from git, and makes (or reuses) every local role's worktree;
     * a role on another host gets its branch here.
     */
    public List<Worktree> create(Progress progress) {
        peersDir().create();
        repo.excludeFromGit("/" + PeersDir.NAME + "/");
        Path worktrees = team.worktrees();
        if (worktrees.startsWith(repo.topLevel()) && !worktrees.equals(repo.topLevel())) {
            repo.excludeFromGit(
                    "/" + repo.topLevel().relativize(worktrees).toString().replace('\\', '/') + "/");
        }
        // Files copied into every worktree (like .env) are local configuration, often secret: the exclude file is
        // shared by all worktrees, so no WIP commit or merge ever takes them into a branch.
        for (String copied : team.copy()) {
            Path inRepo = team.repo().resolve(copied).normalize();
            if (inRepo.startsWith(repo.topLevel())) {
                repo.excludeFromGit(
                        "/" + repo.topLevel().relativize(inRepo).toString().replace('\\', '/'));
            }
        }
        Worktrees manager = new Worktrees(repo);
        WorktreeSetup setup = new WorktreeSetup(repo, copiedFromTopLevel(), team.setup());
        SetupListener listener = new SetupListener() {
            @Override
            public void started(String role, SetupStep step) {
                progress.setup(role, step.describe(), false, true);
            }

            @Override
            public void finished(String role, SetupStep step, boolean ok) {
                progress.setup(role, step.describe(), true, ok);
            }
        };
        List<Worktree> created = new ArrayList<>();
        for (RoleSpec role : team.roles()) {
            if (role.onAnotherHost()) {
                // Its worktree is on its host (prepared there before the agent starts); here only its branch, which
                // the host's commits are fetched into.
                if (!repo.hasBranch(role.branch())) {
                    new dev.peersteam.git.Git().run(repo.topLevel(), "branch", role.branch(), baseCommit);
                }
                continue;
            }
            Worktree worktree = manager.ensure(role.name(), worktrees, baseCommit);
            progress.worktree(worktree);
            setup.applyIfNeeded(worktree, listener);
            created.add(worktree);
        }
        return created;
    }
}
