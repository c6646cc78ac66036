package dev.peersteam.team;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A validated, resolved team file. Paths are absolute and normalized. */
public record TeamSpec(Path file, String name, Path repo, String base, Path worktrees, String goal, Double budgetUsd,
        List<String> setup, List<String> copy, List<RoleSpec> roles) {
    public RoleSpec lead() {
        return roles.stream().filter(RoleSpec::lead).findFirst().orElse(roles.getFirst());
    }

    public Optional<RoleSpec> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Path worktreeOf(RoleSpec role) {
        return worktrees.resolve(role.name());
    }

    public List<String> roleNames() {
        return roles.stream().map(RoleSpec::name).toList();
    }
}
