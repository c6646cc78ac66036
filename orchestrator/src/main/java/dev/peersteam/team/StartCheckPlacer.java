package dev.peersteam.team;

import dev.peersteam.team.StartChecks.Finding;
import dev.peersteam.team.TeamReader.Resolved;
import dev.peersteam.team.YamlMapping.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Runs the {@link StartChecks} on a sound team file and reports each finding at the line that chose what was found
 * wanting: the {@code command:} a role (or {@code defaults:}) gives, its {@code sim_script}, {@code base:}. A finding
 * shared by several roles that no line chose (the default {@code claude}, not on PATH) is reported once, at the first
 * of them, naming all.
 */
final class StartCheckPlacer {
    private final Path teamFile;
    private final Problems problems;
    private final StartChecks checks;

    StartCheckPlacer(Path teamFile, Problems problems, StartChecks checks) {
        this.teamFile = teamFile;
        this.problems = problems;
        this.checks = checks;
    }

    /**
     * A role running {@code agent: sim} needs a behaviour script, unless its {@code command} runs the agent another
     * way. Known from the file alone, so checked with the file.
     */
    void requireSimScripts(List<Resolved> roles) {
        Map<Place, List<String>> missing = new LinkedHashMap<>();
        for (Resolved role : roles) {
            RoleSpec spec = role.spec();
            if (spec.agent() == AgentKind.SIM
                    && spec.simScript() == null
                    && spec.command() == null
                    && !role.settings().writtenAt().containsKey("sim_script")) {
                Node agentNode = role.settings().writtenAt().get("agent");
                if (agentNode != null) {
                    missing.computeIfAbsent(new Place(agentNode), place -> new ArrayList<>())
                            .add(spec.name());
                }
            }
        }
        missing.forEach((place, names) -> problems.at(
                place.node(),
                roles(names) + " the simulated agent ('agent: sim') but " + (names.size() == 1 ? "names" : "name")
                        + " no behaviour script for it",
                "add 'sim_script: FILE' beside 'agent: sim' (the script says what the simulated agent does), or"
                        + " use 'agent: claude'"));
    }

    void run(TeamSpec team, Optional<Entry> repoEntry, Optional<Entry> baseEntry, List<Resolved> roles) {
        if (checks == StartChecks.NONE) {
            return;
        }
        Optional<Finding> repository = checks.repository(team.repo());
        repository.ifPresent(finding -> {
            if (repoEntry.isPresent()) {
                problems.at(repoEntry.get().value(), finding.message(), finding.fix());
            } else {
                problems.inWholeFile(
                        finding.message() + " (no line to point at: 'repo:' is not set, so the team works on the"
                                + " folder of the team file)",
                        finding.fix() + ", or set 'repo:'");
            }
        });
        if (repository.isEmpty() && team.base() != null && baseEntry.isPresent()) {
            checks.base(team.repo(), team.base())
                    .ifPresent(finding -> problems.at(baseEntry.get().value(), finding.message(), finding.fix()));
        }
        agentPrograms(team, roles);
        hosts(team, roles);
        commandLines(team, roles);
        sandboxes(team, roles);
        behaviourScripts(roles);
    }

    private void sandboxes(TeamSpec team, List<Resolved> roles) {
        for (Resolved role : roles) {
            checks.sandbox(team, role.spec()).ifPresent(finding -> {
                Node askedAt = role.settings().writtenAt().get("sandbox");
                problems.at(
                        askedAt != null ? askedAt : role.draft().nameNode(),
                        "role '" + role.spec().name() + "': " + finding.message(),
                        finding.fix());
            });
        }
    }

    private void agentPrograms(TeamSpec team, List<Resolved> roles) {
        record Key(Place chosenAt, Finding finding) {}
        Map<Key, List<Resolved>> found = new LinkedHashMap<>();
        for (Resolved role : roles) {
            if (role.spec().onAnotherHost()) {
                continue; // its program is looked for on its host
            }
            checks.agentProgram(team, role.spec()).ifPresent(finding -> {
                Node chosenAt = role.settings().writtenAt().get("command");
                found.computeIfAbsent(new Key(new Place(chosenAt), finding), key -> new ArrayList<>())
                        .add(role);
            });
        }
        found.forEach((key, group) -> {
            Node chosenAt = key.chosenAt().node();
            List<String> names = group.stream().map(role -> role.spec().name()).toList();
            problems.at(
                    chosenAt != null ? chosenAt : group.getFirst().draft().nameNode(),
                    whose(names) + ": " + key.finding().message(),
                    key.finding().fix());
        });
    }

    private void hosts(TeamSpec team, List<Resolved> roles) {
        for (Resolved role : roles) {
            if (!role.spec().onAnotherHost()) {
                continue;
            }
            checks.host(team, role.spec()).ifPresent(finding -> {
                Node hostAt = role.settings().writtenAt().get("host");
                problems.at(
                        hostAt != null ? hostAt : role.draft().nameNode(),
                        "role '" + role.spec().name() + "': " + finding.message(),
                        finding.fix());
            });
        }
    }

    private void commandLines(TeamSpec team, List<Resolved> roles) {
        for (Resolved role : roles) {
            checks.commandLine(team, role.spec()).ifPresent(finding -> {
                Node promptNode = role.draft().promptNode();
                problems.at(
                        promptNode != null ? promptNode : role.draft().nameNode(),
                        "role '" + role.spec().name() + "': " + finding.message(),
                        finding.fix());
            });
        }
    }

    private void behaviourScripts(List<Resolved> roles) {
        Set<Path> checked = new HashSet<>();
        for (Resolved role : roles) {
            RoleSpec spec = role.spec();
            if (spec.agent() != AgentKind.SIM || spec.simScript() == null || spec.command() != null) {
                continue;
            }
            if (!checked.add(spec.simScript())) {
                continue;
            }
            checks.behaviourScript(spec.simScript()).ifPresent(finding -> {
                Node namedAt = role.settings().writtenAt().get("sim_script");
                String context = "behaviour script of role '" + spec.name() + "'"
                        + (namedAt != null
                                ? ", named at " + Problem.displayPath(teamFile) + ":"
                                        + (namedAt.getStartMark().getLine() + 1)
                                : "");
                Problems inScript = problems.in(spec.simScript(), context);
                if (finding.line() > 0) {
                    inScript.atLine(finding.line(), finding.column(), finding.message(), finding.fix());
                } else {
                    inScript.inWholeFile(finding.message(), finding.fix());
                }
            });
        }
    }

    /** "role 'qa' runs" or "roles 'qa', 'backend' run". */
    private static String roles(List<String> names) {
        return whose(names) + (names.size() == 1 ? " runs" : " run");
    }

    /** "role 'qa'" or "roles 'qa', 'backend'". */
    private static String whose(List<String> names) {
        String quoted = names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        return (names.size() == 1 ? "role " : "roles ") + quoted;
    }

    /** A node compared by identity (null for none): one place in the file, however many roles it serves. */
    private record Place(Node node) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Place place && place.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }
}
