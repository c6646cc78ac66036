package dev.peersteam.team;

import dev.peersteam.team.ValueReader.Text;
import dev.peersteam.team.YamlMapping.Entry;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code shared:}, the files the team works to (contracts such as an API description), written as a list:
 *
 * <pre>
 * shared:
 *   - path: api/openapi.yaml
 *     owners: [backend]
 * </pre>
 *
 * Paths are relative to the repository and stay inside it (not in {@code .git}, not in the worktrees folder); owners
 * are roles of the team; a path is listed once, and not inside another listed folder.
 */
final class SharedFilesReader {
    private static final String ENTRY_EXAMPLE =
            "e.g. '- path: api/openapi.yaml' and below it" + " '  owners: [backend]'";

    private final Path repo;
    private final Path worktrees;
    private final RepositoryBounds bounds;
    private final Problems problems;
    private final ValueReader values;

    SharedFilesReader(Path repo, Path worktrees, RepositoryBounds bounds, Problems problems) {
        this.repo = repo;
        this.worktrees = worktrees;
        this.bounds = bounds;
        this.problems = problems;
        this.values = new ValueReader(problems);
    }

    /** One shared file as written, with the node of its path for later problems. */
    private record Listed(SharedFile file, Node pathNode) {}

    List<SharedFile> read(Optional<Entry> entry, List<String> roleNames) {
        if (entry.isEmpty() || NodeShape.of(entry.get().value()) == NodeShape.EMPTY) {
            return List.of();
        }
        Node value = entry.get().value();
        if (!(value instanceof SequenceNode list)) {
            String mappingHint = NodeShape.of(value) == NodeShape.MAPPING
                    ? " (a mapping of path to owners is not accepted: one '- path:' entry per file keeps room for"
                            + " more settings per file)"
                    : "";
            problems.at(
                    value,
                    "'shared' must be a list of files with their owners, not " + NodeShape.describe(value)
                            + mappingHint,
                    "write one entry per file, " + ENTRY_EXAMPLE);
            return List.of();
        }
        KnownKeys roles = new KnownKeys(roleNames, Map.of());
        List<Listed> listed = new ArrayList<>();
        for (Node item : list.getValue()) {
            entry(item, roles).ifPresent(listed::add);
        }
        return withoutOverlaps(listed);
    }

    private Optional<Listed> entry(Node item, KnownKeys roles) {
        String where = "an entry of 'shared'";
        Optional<YamlMapping> read =
                YamlMapping.read(item, where, "write each entry as a path and its owners, " + ENTRY_EXAMPLE, problems);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        if (read.get().isEmpty()) {
            problems.at(item, "an entry of 'shared' is empty", "give its path and owners, " + ENTRY_EXAMPLE);
            return Optional.empty();
        }
        YamlMapping mapping = read.get().onlyKnown(KnownKeys.SHARED_FILE, where, problems);
        Optional<Entry> pathEntry = mapping.get("path");
        Optional<Entry> ownersEntry = mapping.get("owners");
        if (mapping.entries().size() < read.get().entries().size()) {
            return Optional.empty(); // a misspelt key is reported already; a missing key would say the same again
        }
        if (pathEntry.isEmpty()) {
            problems.at(item, "an entry of 'shared' has no 'path'", "name the file, " + ENTRY_EXAMPLE);
        }
        if (ownersEntry.isEmpty()) {
            problems.at(
                    item,
                    "an entry of 'shared' has no 'owners'",
                    "name the roles that may change the file, " + ENTRY_EXAMPLE + "; every other role only reads it");
        }
        Optional<String> path = pathEntry.flatMap(this::path);
        List<String> owners = ownersEntry.map(written -> owners(written, roles)).orElse(List.of());
        if (path.isEmpty() || ownersEntry.isEmpty() || owners.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Listed(new SharedFile(path.get(), owners), pathEntry.get().value()));
    }

    /** The path, normalized, relative to the repository, with '/' separators. */
    private Optional<String> path(Entry entry) {
        return values.text(entry).flatMap(written -> {
            String fix = "give a path relative to the repository (" + repo + "), e.g. 'api/openapi.yaml'";
            Path relative;
            try {
                relative = Path.of(written).normalize();
            } catch (InvalidPathException e) {
                problems.at(entry.value(), "shared path '" + written + "' is not a valid path: " + e.getReason(), fix);
                return Optional.empty();
            }
            Path absolute = repo.resolve(relative).normalize();
            if (relative.isAbsolute()) {
                problems.at(entry.value(), "shared path '" + written + "' is absolute", fix);
            } else if (relative.startsWith("..") || !absolute.startsWith(repo)) {
                problems.at(entry.value(), "shared path '" + written + "' points outside the repository", fix);
            } else if (relative.toString().isEmpty()) {
                problems.at(
                        entry.value(),
                        "shared path '" + written + "' names the whole repository",
                        fix + "; name the contract files themselves, or the folder that holds them");
            } else if (written.contains("*") || written.contains("?")) {
                problems.at(
                        entry.value(),
                        "shared path '" + written + "' is a pattern; patterns are not supported",
                        "name each file, or the folder that holds them (a folder covers every file below it)");
            } else if (relative.startsWith(".git")) {
                problems.at(entry.value(), "shared path '" + written + "' is inside .git, which git manages", fix);
            } else if (bounds.escape(absolute).isPresent()) {
                problems.at(
                        entry.value(),
                        "shared path '" + written + "' "
                                + bounds.escape(absolute).get(),
                        fix + "; a shared file is part of the repository, not a link out of it");
            } else if (absolute.startsWith(worktrees)) {
                problems.at(
                        entry.value(),
                        "shared path '" + written + "' is inside the worktrees folder " + worktrees
                                + ", where each role's own copy lives",
                        fix + "; the team reads it from the"
                                + " repository's base, so name it as it is in the repository");
            } else {
                return Optional.of(relative.toString().replace('\\', '/'));
            }
            return Optional.empty();
        });
    }

    private List<String> owners(Entry entry, KnownKeys roles) {
        List<Text> listed = values.textList(entry).orElse(null);
        if (listed == null) {
            return List.of();
        }
        if (listed.isEmpty()) {
            problems.at(
                    entry.value(),
                    "'owners' is empty: a shared file needs at least one role that may change it",
                    "name the owning role, e.g. 'owners: [backend]'");
            return List.of();
        }
        List<String> owners = new ArrayList<>();
        Map<String, Text> seen = new HashMap<>();
        for (Text owner : listed) {
            Text earlier = seen.putIfAbsent(owner.value(), owner);
            if (earlier != null) {
                problems.at(owner.node(), "owner '" + owner.value() + "' is listed twice", "delete one of them");
            } else if (!roles.contains(owner.value())) {
                problems.at(
                        owner.node(),
                        "owner '" + owner.value() + "' is not a role of the team",
                        WatchesChecker.unknownRoleFix(owner.value(), roles));
            } else {
                owners.add(owner.value());
            }
        }
        return owners;
    }

    /** A path listed twice, or inside a folder listed before it (or holding one), is reported at the later one. */
    private List<SharedFile> withoutOverlaps(List<Listed> listed) {
        List<Listed> kept = new ArrayList<>();
        for (Listed candidate : listed) {
            Optional<Listed> clash = kept.stream()
                    .filter(earlier -> earlier.file().covers(candidate.file().path())
                            || candidate.file().covers(earlier.file().path()))
                    .findFirst();
            if (clash.isEmpty()) {
                kept.add(candidate);
                continue;
            }
            SharedFile earlier = clash.get().file();
            int line = clash.get().pathNode().getStartMark().getLine() + 1;
            String path = candidate.file().path();
            if (earlier.path().equals(path)) {
                problems.at(
                        candidate.pathNode(),
                        "shared path '" + path + "' is listed twice (first at line " + line + ")",
                        "keep one entry and list all its owners there");
            } else {
                String relation = earlier.covers(path)
                        ? "is inside the shared folder '" + earlier.path() + "'"
                        : "holds the shared path '" + earlier.path() + "'";
                problems.at(
                        candidate.pathNode(),
                        "shared path '" + path + "' " + relation + " (line " + line
                                + "), so who owns the files in both would be ambiguous",
                        "list either the folder or the files in it, not both");
            }
        }
        return kept.stream().map(Listed::file).toList();
    }
}
