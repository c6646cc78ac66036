package dev.peersteam.permission;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinator's own files, which no role may read, write or run anything against: the {@code .peers} folder
 * (journal, logs, lock, control socket) and the control socket wherever it lies. An agent that reached them could
 * approve its own requests, speak as the person or stop the team.
 *
 * @param roots canonical paths; everything below each is protected
 */
public record CoordinatorFiles(List<Path> roots) {
    public static final String PEERS_DIR = ".peers";
    public static final String SOCKET = "control.sock";

    public CoordinatorFiles {
        roots = List.copyOf(roots);
    }

    /** Nothing protected: for tests of other parts only. */
    public static final CoordinatorFiles NONE = new CoordinatorFiles(List.of());

    /** The repository's {@code .peers} folder and, when it lies elsewhere, the control socket. */
    public static CoordinatorFiles of(Path peersDir, Path socket, PathResolver paths) {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(paths.canonical(peersDir.toAbsolutePath())
                .orElse(peersDir.toAbsolutePath().normalize()));
        if (socket != null) {
            Path canonical = paths.canonical(socket.toAbsolutePath())
                    .orElse(socket.toAbsolutePath().normalize());
            if (roots.stream().noneMatch(canonical::startsWith)) {
                roots.add(canonical);
            }
        }
        return new CoordinatorFiles(List.copyOf(roots));
    }

    /** Whether the canonical {@code path} is one of these files or inside them. */
    public boolean hold(Path path) {
        return roots.stream().anyMatch(path::startsWith);
    }

    /** Whether reading the whole tree under the canonical {@code directory} would read these files. */
    public boolean below(Path directory) {
        return roots.stream().anyMatch(root -> root.startsWith(directory));
    }

    /** The names a command must not mention: {@code .peers}, {@code control.sock}, and each root's own name. */
    List<String> names() {
        Set<String> names = new LinkedHashSet<>(List.of(PEERS_DIR, SOCKET));
        roots.forEach(root -> {
            if (root.getFileName() != null) {
                names.add(root.getFileName().toString());
            }
        });
        return new ArrayList<>(names);
    }

    /**
     * Whether bash could expand the glob {@code word} to {@code name}. A leading dot is never matched by a wildcard
     * (bash's default), and a name without one counts only when the word shares a literal run of four characters
     * with it, so that {@code ls *} is not taken for a mention of {@code control.sock}.
     */
    private static boolean couldGlobTo(String word, String name) {
        if (name.startsWith(".") ? !word.startsWith(".") : !sharesLiteralRun(word, name)) {
            return false;
        }
        return Wildcard.shellGlob(word).matches(name);
    }

    private static boolean sharesLiteralRun(String word, String name) {
        for (String literal : word.split("[*?\\[\\]]+")) {
            for (int i = 0; i + 4 <= literal.length(); i++) {
                if (name.contains(literal.substring(i, i + 4))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The protected name a command mentions, if any, looked for conservatively: in the text as written, with quotes
     * and backslashes taken out ({@code .pe""ers}), and in every word that could glob to it ({@code .pe*},
     * {@code .p?ers}). A tripwire, not a boundary: {@code $(...)} and scripts can still build the name, which is
     * why such commands are asked about, and why the sandbox exists.
     */
    public Optional<String> mentionedIn(String command) {
        String lower = command.toLowerCase(Locale.ROOT);
        String unquoted = lower.replace("'", "").replace("\"", "").replace("\\", "");
        for (String name : names()) {
            String wanted = name.toLowerCase(Locale.ROOT);
            if (lower.contains(wanted) || unquoted.contains(wanted)) {
                return Optional.of(name);
            }
        }
        for (String word : unquoted.split("[\\s/;&|<>()=:,`$]+")) {
            if (word.isEmpty() || word.chars().noneMatch(c -> "*?[".indexOf(c) >= 0)) {
                continue;
            }
            for (String name : names()) {
                if (couldGlobTo(word, name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }
}
