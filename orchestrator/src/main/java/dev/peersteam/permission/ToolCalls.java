package dev.peersteam.permission;

import dev.peersteam.protocol.ToolInput;
import java.nio.file.Path;
import java.util.List;

/** Which built-in tools take paths, and which path one call of them reaches. */
final class ToolCalls {
    private static final List<String> READ_TOOLS = List.of("Read", "Grep", "Glob", "LS");
    private static final List<String> EDIT_TOOLS = List.of("Edit", "Write", "MultiEdit", "NotebookEdit");
    /** Tools whose path is a directory they read the whole tree of. */
    private static final List<String> SEARCH_TOOLS = List.of("Grep", "Glob", "LS");

    private ToolCalls() {}

    static boolean isReadTool(String tool) {
        return READ_TOOLS.contains(tool);
    }

    static boolean isEditTool(String tool) {
        return EDIT_TOOLS.contains(tool);
    }

    static boolean isPathTool(String tool) {
        return isReadTool(tool) || isEditTool(tool);
    }

    static boolean isSearchTool(String tool) {
        return SEARCH_TOOLS.contains(tool);
    }

    /** The path a call reaches, absolute but not yet canonical; or why no path can be named for it. */
    sealed interface Target {
        record At(Path path) implements Target {}

        record Unknown(String why) implements Target {}
    }

    /**
     * The file a Read or an edit reaches, or the directory a search reads. Relative paths are relative to the
     * worktree (the session's working directory); a search with no path searches the worktree. For Glob the
     * literal directories at the start of its pattern count too ({@code ../../*} searches two levels up).
     */
    static Target target(String tool, ToolInput input, Path worktree) {
        String field = tool.equals("NotebookEdit") ? "notebook_path" : isSearchTool(tool) ? "path" : "file_path";
        String written = tool.equals("NotebookEdit")
                ? input.notebookPath()
                : isSearchTool(tool) ? input.path() : input.filePath();
        if (written == null || written.isEmpty()) {
            if (!isSearchTool(tool)) {
                return new Target.Unknown("it names no " + field);
            }
            written = null;
        }
        if (written != null && written.startsWith("~")) {
            return new Target.Unknown("its path starts with '~', which names another directory than it seems");
        }
        Path base = written == null ? worktree : worktree.resolve(written);
        if (!tool.equals("Glob")) {
            return new Target.At(base);
        }
        return input.pattern() != null ? globRoot(base, input.pattern()) : new Target.Unknown("it names no pattern");
    }

    /** Where a Glob pattern really starts: its literal leading segments, {@code ..} included, added to the base. */
    private static Target globRoot(Path base, String pattern) {
        Path root = pattern.startsWith("/") ? Path.of("/") : base;
        String[] segments = pattern.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                String rest = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
                if (rest.contains("..")) {
                    return new Target.Unknown("its pattern climbs up with '..' after a wildcard");
                }
                return new Target.At(root);
            }
            if (i == segments.length - 1) {
                return new Target.At(root.resolve(segment)); // no wildcard at all: the pattern names one file
            }
            if (!segment.isEmpty()) {
                root = root.resolve(segment);
            }
        }
        return new Target.At(root);
    }
}
