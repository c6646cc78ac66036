package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/** Turns a composed team file into a {@link TeamSpec}, reporting every problem on the way. */
final class TeamReader {
    private static final String WHERE = "the team file";
    private static final String ROLES_EXAMPLE = "e.g. 'roles:', then '  manager:' and '    lead: true' below it";

    private final Path file;
    private final Path teamDir;
    private final Problems problems;
    private final ValueReader values;
    private final RepositoryBounds bounds;
    private final ReferencedFile files;
    private final StartChecks checks;

    TeamReader(Path file, Problems problems, StartChecks checks) {
        this.file = file.toAbsolutePath().normalize();
        this.teamDir = this.file.getParent();
        this.problems = problems;
        this.values = new ValueReader(problems);
        this.bounds = RepositoryBounds.around(teamDir);
        this.files = new ReferencedFile(this.file, bounds, problems);
        this.checks = checks;
    }

    /** A role as resolved, with what the start checks need to point at the lines behind it. */
    record Resolved(RoleSpec spec, RoleReader.Draft draft, RoleSettings settings) {}

    /** The team, or empty when any problem was found (all of them are in {@code problems} then). */
    Optional<TeamSpec> read(Node root) {
        Optional<YamlMapping> read = YamlMapping.read(
                root, WHERE, "the top level holds keys such as 'name:' and 'roles:'; see team.yaml.example", problems);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping top = read.get().onlyKnown(KnownKeys.TEAM, WHERE, problems);
        TeamPathsReader paths = new TeamPathsReader(teamDir, bounds, problems);

        String name = top.get("name").flatMap(values::text).orElseGet(this::nameFromFile);
        Path repo = paths.repo(top.get("repo"));
        String base = top.get("base").flatMap(values::text).orElse(null);
        Path worktrees = paths.worktrees(top.get("worktrees"), repo);
        String goal = top.get("goal").flatMap(values::text).orElse(null);
        Double budget = top.get("budget_usd").flatMap(values::positiveAmount).orElse(null);
        Double budgetPerHour =
                top.get("budget_usd_per_hour").flatMap(values::positiveAmount).orElse(null);
        int maxActive = top.get("max_active").flatMap(values::positiveCount).orElse(0);
        List<String> setup = top.get("setup").flatMap(values::textList).orElse(List.of()).stream()
                .map(Text::value)
                .toList();
        List<String> copy = paths.copy(top.get("copy"), repo);
        RoleSettings defaults = top.get("defaults").flatMap(this::defaults).orElse(RoleSettings.NONE);
        List<Resolved> resolved = roles(root, top.get("roles"), defaults);
        List<RoleSpec> roles = resolved.stream().map(Resolved::spec).toList();
        List<SharedFile> shared = new SharedFilesReader(repo, worktrees, bounds, problems)
                .read(top.get("shared"), roles.stream().map(RoleSpec::name).toList());
        List<NotifyTarget> notify = new NotifyReader(problems).read(top.get("notify"));
        StartCheckPlacer startChecks = new StartCheckPlacer(file, problems, checks);
        startChecks.requireSimScripts(resolved);

        if (problems.any()) {
            return Optional.empty();
        }
        TeamSpec team = new TeamSpec(
                file,
                name,
                repo,
                base,
                worktrees,
                goal,
                budget,
                setup,
                copy,
                roles,
                shared,
                maxActive,
                notify,
                budgetPerHour);
        startChecks.run(team, top.get("repo"), top.get("base"), resolved); // only for a sound file: they need it whole
        return problems.any() ? Optional.empty() : Optional.of(team);
    }

    private String nameFromFile() {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private Optional<RoleSettings> defaults(Entry entry) {
        String where = "'defaults'";
        return YamlMapping.read(
                        entry.value(),
                        where,
                        "put role settings under it, e.g. 'defaults:' then" + " '  model: sonnet' on the next line",
                        problems)
                .map(mapping -> new RoleSettingsReader(problems, files)
                        .read(mapping.onlyKnown(KnownKeys.DEFAULTS, where, problems)));
    }

    private List<Resolved> roles(Node root, Optional<Entry> entry, RoleSettings defaults) {
        if (entry.isEmpty()) {
            problems.at(root, "the team has no roles", "add a 'roles:' mapping, " + ROLES_EXAMPLE);
            return List.of();
        }
        Optional<YamlMapping> mapping = YamlMapping.read(
                entry.get().value(),
                "'roles'",
                "name each role as a key under 'roles:' (not as a '- list'), " + ROLES_EXAMPLE,
                problems);
        if (mapping.isEmpty()) {
            return List.of();
        }
        if (mapping.get().isEmpty()) {
            problems.at(
                    entry.get().keyNode(),
                    "'roles' is empty: the team has no roles",
                    "add at least one role under it, " + ROLES_EXAMPLE);
            return List.of();
        }
        RoleReader reader = new RoleReader(problems, files);
        List<RoleReader.Draft> drafts =
                mapping.get().entries().stream().map(reader::read).toList();
        String lead = leadOf(drafts);
        Map<String, WatchedRoles> watches = new WatchesChecker(problems).check(drafts);
        List<Resolved> roles = new ArrayList<>();
        for (RoleReader.Draft draft : drafts) {
            roles.add(resolve(draft, draft.name().equals(lead), defaults, watches.get(draft.name())));
        }
        return roles;
    }

    /** The one role that says {@code lead: true}, or else the first role. More than one is a problem. */
    private String leadOf(List<RoleReader.Draft> drafts) {
        List<RoleReader.Draft> leads =
                drafts.stream().filter(RoleReader.Draft::saysLead).toList();
        if (leads.size() > 1) {
            String named = leads.stream()
                    .map(draft -> "'" + draft.name() + "' (line "
                            + (draft.leadNode().getStartMark().getLine() + 1) + ")")
                    .collect(Collectors.joining(", "));
            problems.at(
                    leads.get(1).leadNode(),
                    "more than one role has 'lead: true': " + named,
                    "keep 'lead: true' on exactly one role; the lead receives the goal and unassigned work");
        }
        return (leads.isEmpty() ? drafts : leads).getFirst().name();
    }

    /**
     * A role's settings come from, in order: the role in the team file, its agent file's front matter, then
     * {@code defaults:}. The team file wins over the agent file, so one agent file can serve several teams.
     */
    private static Resolved resolve(RoleReader.Draft draft, boolean lead, RoleSettings defaults, WatchedRoles watches) {
        AgentFileReader.AgentFile agentFile = draft.agentFile();
        RoleSettings fromAgentFile = agentFile != null ? agentFile.settings() : RoleSettings.NONE;
        RoleSettings settings = draft.own().orElse(fromAgentFile).orElse(defaults);
        String description =
                draft.description() != null ? draft.description() : agentFile != null ? agentFile.description() : null;
        RoleSpec spec = new RoleSpec(
                draft.name(),
                lead,
                draft.prompt().text(),
                draft.prompt().fileOrNull(),
                settings.agent() != null ? settings.agent() : AgentKind.CLAUDE,
                settings.model(),
                settings.permissionMode() != null ? settings.permissionMode() : RoleSpec.DEFAULT_PERMISSION_MODE,
                settings.allowedTools() != null ? settings.allowedTools() : List.of(),
                settings.command(),
                settings.budgetUsd(),
                description,
                agentFile != null ? agentFile.path() : null,
                watches,
                settings.simScript(),
                settings.sandbox());
        return new Resolved(spec, draft, settings);
    }
}
