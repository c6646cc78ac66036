package dev.peersteam.runtime;

import dev.peersteam.json.Json;
import dev.peersteam.team.TeamSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What the CLI verbs need to know about a team without asking a coordinator (which may not be running):
 * written to {@code .peers/team.json} by {@code up}.
 *
 * @param baseCommit the commit the role branches started from
 * @param baseBranch the branch the team's work goes back to ({@code peers-team merge ROLE}): the team file's
 *     {@code base:} when it is a local branch, else the branch checked out in the repository when {@code up} ran;
 *     null when neither (a detached HEAD), or in a team.json written by an older peers-team
 */
public record TeamInfo(
        String name,
        String teamFile,
        String repo,
        String baseCommit,
        String worktrees,
        String lead,
        List<RoleInfo> roles,
        String baseBranch) {

    public record RoleInfo(String name, boolean lead, String branch, String worktree) {}

    /** A team without a known base branch. */
    public TeamInfo(
            String name,
            String teamFile,
            String repo,
            String baseCommit,
            String worktrees,
            String lead,
            List<RoleInfo> roles) {
        this(name, teamFile, repo, baseCommit, worktrees, lead, roles, null);
    }

    public static TeamInfo of(TeamSpec team, String baseCommit) {
        return of(team, baseCommit, null);
    }

    public static TeamInfo of(TeamSpec team, String baseCommit, String baseBranch) {
        return new TeamInfo(
                team.name(),
                team.file().toString(),
                team.repo().toString(),
                baseCommit,
                team.worktrees().toString(),
                team.lead().name(),
                team.roles().stream()
                        .map(r -> new RoleInfo(
                                r.name(),
                                r.lead(),
                                r.branch(),
                                team.worktreeOf(r).toString()))
                        .toList(),
                baseBranch);
    }

    public Optional<RoleInfo> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<String> roleNames() {
        return roles.stream().map(RoleInfo::name).toList();
    }

    /** Written to a temporary file and moved into place, so a reader never sees half of it. */
    public void write(Path file) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Optional<TeamInfo> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), TeamInfo.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (delete it; the next 'up' writes it again)", e);
        }
    }
}
