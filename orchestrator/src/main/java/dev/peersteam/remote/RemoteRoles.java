package dev.peersteam.remote;

import dev.peersteam.coordinator.SessionHistory;
import dev.peersteam.session.LocalLauncher;
import dev.peersteam.session.ProcessLauncher;
import dev.peersteam.team.RoleSpec;
import dev.peersteam.team.TeamSpec;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The roles of a team that run on other hosts ({@code host:}), each with its shell, launcher, transcript reader and
 * worktree; the rest run here. The only place that decides "here or there": the coordinator gets a launcher and a
 * history that answer for every role, and never learns which is which.
 */
public final class RemoteRoles {
    /** One remote role's parts. */
    public record Placed(
            RoleSpec role,
            RemoteShell shell,
            RemoteLauncher launcher,
            RemoteTranscripts transcripts,
            RemoteWorktree worktree) {}

    private final Map<String, Placed> byRole;
    private final ProcessLauncher local = new LocalLauncher();

    private RemoteRoles(Map<String, Placed> byRole) {
        this.byRole = byRole;
    }

    /** Over SSH, with the client of {@link SshShell#CLIENT_ENV} where set. */
    public static RemoteRoles of(TeamSpec team, Path repoTop, Map<String, String> environment) {
        Map<String, Placed> placed = new LinkedHashMap<>();
        for (RoleSpec role : team.roles()) {
            if (role.onAnotherHost()) {
                RemoteShell shell = SshShell.to(role.host().destination(), environment);
                placed.put(
                        role.name(),
                        new Placed(
                                role,
                                shell,
                                new RemoteLauncher(shell, environment),
                                new RemoteTranscripts(shell, environment),
                                new RemoteWorktree(shell, role.name(), team.worktreeOf(role), repoTop, environment)));
            }
        }
        return new RemoteRoles(placed);
    }

    public boolean isEmpty() {
        return byRole.isEmpty();
    }

    public Collection<Placed> all() {
        return byRole.values();
    }

    public Optional<Placed> of(String role) {
        return Optional.ofNullable(byRole.get(role));
    }

    /** Where the role's agent starts: its host's launcher, or this machine's. */
    public ProcessLauncher launcherFor(RoleSpec role) {
        Placed placed = byRole.get(role.name());
        return placed != null ? placed.launcher() : local;
    }

    /** A history that reads a remote role's transcript on its host, and every other role's with {@code here}. */
    public SessionHistory history(SessionHistory here) {
        return (role, sessionId, cwd) -> {
            Placed placed = byRole.get(role);
            return placed != null
                    ? placed.transcripts().lookUp(role, sessionId, cwd)
                    : here.lookUp(role, sessionId, cwd);
        };
    }
}
