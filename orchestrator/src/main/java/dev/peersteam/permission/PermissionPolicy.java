package dev.peersteam.permission;

import dev.peersteam.protocol.ToolInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides the tool calls one role's CLI asks about ({@code can_use_tool}). The CLI applies the role's allow rules
 * and permission mode itself first, and asks about what they leave open: compound shell commands, paths outside the
 * worktree, protected directories. The host must judge those with the rules' own meaning, never more widely:
 *
 * <ol>
 *   <li>the team tools are always allowed;
 *   <li>a call that touches the coordinator's own files ({@link CoordinatorFiles}) is denied, whatever any rule or
 *       person says;
 *   <li>a call is cut into parts (each simple command of a Bash call and each file it redirects to; the canonical
 *       path of a file tool) and allowed only when every part is allowed on its own: by an allow rule, a rule the
 *       person approved "always", reads inside the worktree, or acceptEdits for edits inside the worktree (not in
 *       its {@code .git} or {@code .claude});
 *   <li>anything else is asked (a person decides, or headless it is denied with the reason).
 * </ol>
 */
public final class PermissionPolicy {
    public static final String TEAM_TOOL_PREFIX = "mcp__peers__";
    /** Inside the worktree, acceptEdits still never edits these: git's and Claude Code's own settings and hooks. */
    private static final List<String> CONFIG_DIRS = List.of(".git", ".claude");

    private final String role;
    private final List<ToolRule> allowed;
    private final List<ToolRule> approved = new ArrayList<>();
    private final String permissionMode;
    private final Path worktree;
    private final CoordinatorFiles protectedFiles;
    private final PathResolver paths;

    public PermissionPolicy(
            String role,
            List<String> allowedTools,
            String permissionMode,
            Path worktree,
            CoordinatorFiles protectedFiles,
            PathResolver paths) {
        this.role = role;
        this.paths = paths;
        this.worktree = paths.canonical(worktree.toAbsolutePath())
                .orElse(worktree.toAbsolutePath().normalize());
        this.allowed = allowedTools.stream()
                .flatMap(t -> ToolRule.parse(t, this.worktree, paths).stream())
                .toList();
        this.permissionMode = permissionMode;
        this.protectedFiles = protectedFiles;
    }

    /** One piece of a call that must be allowed on its own. */
    private sealed interface Part {
        record Command(String text) implements Part {}

        record File(String tool, Path path) implements Part {}

        record Other(String tool, String argument) implements Part {}
    }

    public Decision decide(String toolName, ToolInput input) {
        if (toolName.startsWith(TEAM_TOOL_PREFIX)) {
            return new Decision.Allow("team tool");
        }
        String call = describe(toolName, input);
        Optional<String> touches = touchesCoordinator(toolName, input);
        if (touches.isPresent()) {
            return new Decision.Deny(call + " is denied: " + touches.get() + ". Agents never use the coordinator's"
                    + " files (" + CoordinatorFiles.PEERS_DIR + "/, the control socket); no rule or approval"
                    + " allows it. Talk to your team with the mcp__peers__ tools instead.");
        }
        Optional<ToolRule> whole = firstWhole(toolName, allowed);
        if (whole.isPresent()) {
            return new Decision.Allow("allowed_tools: " + whole.get());
        }
        Optional<ToolRule> wholeApproved = firstWhole(toolName, approved);
        if (wholeApproved.isPresent()) {
            return new Decision.Allow("approved always by the person: " + wholeApproved.get());
        }
        Parts parts = parts(toolName, input);
        if (parts.unknown() != null) {
            return new Decision.Ask(
                    call + " cannot be checked against the rules of role " + role + ": " + parts.unknown() + ".");
        }
        List<String> reasons = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Part part : parts.parts()) {
            Optional<String> reason = allowedBy(part);
            if (reason.isEmpty()) {
                refused.add(describe(part));
            } else if (!reasons.contains(reason.get())) {
                reasons.add(reason.get());
            }
        }
        if (refused.isEmpty()) {
            return new Decision.Allow(String.join("; ", reasons));
        }
        String which = parts.parts().size() == 1
                ? call + " is"
                : call + ": its part" + (refused.size() == 1 ? " " : "s ") + String.join(", ", refused)
                        + (refused.size() == 1 ? " is" : " are");
        return new Decision.Ask(which + " not allowed by the allowed_tools of role " + role + ".");
    }

    /** A rule a person approved with "always", for the rest of this session. */
    public void approveAlways(String rule) {
        ToolRule.parse(rule, worktree, paths)
                .filter(parsed -> !parsed.wholeTool())
                .ifPresent(approved::add);
    }

    /** The rules "always" may add for a call without a CLI suggestion, or why it may add none. */
    public sealed interface Always {
        record Rules(List<String> rules) implements Always {}

        record Refused(String why) implements Always {}
    }

    /**
     * Rules for exactly this call and nothing wider: each simple command of a Bash call as an exact rule, a file
     * tool's canonical path, another tool's exact argument. Never a bare tool name.
     */
    public Always exactRulesFor(String toolName, ToolInput input) {
        if (toolName.equals("Bash")) {
            String command = input.mainArgument();
            if (command == null) {
                return new Always.Refused("the call names no command");
            }
            return switch (ShellParser.parse(command)) {
                case ShellCommand.NotUnderstood(String why) ->
                    new Always.Refused("no rule can name this command (" + why + ")");
                case ShellCommand.Understood understood
                when !understood.redirects().isEmpty() ->
                    new Always.Refused("it writes or reads files through redirections");
                case ShellCommand.Understood understood ->
                    new Always.Rules(understood.commands().stream()
                            .map(c -> "Bash(" + ToolRule.escapeCommand(c.text()) + ")")
                            .distinct()
                            .toList());
            };
        }
        if (ToolCalls.isPathTool(toolName)) {
            return switch (ToolCalls.target(toolName, input, worktree)) {
                case ToolCalls.Target.Unknown(String why) -> new Always.Refused(why);
                case ToolCalls.Target.At(Path at) ->
                    paths.canonical(at)
                            .<Always>map(path -> new Always.Rules(
                                    List.of(toolName + "(/" + ToolRule.escapePath(path.toString()) + ")")))
                            .orElse(new Always.Refused("its path cannot be resolved"));
            };
        }
        String argument = input.mainArgument();
        if (argument == null || argument.isEmpty()) {
            return new Always.Refused(toolName + " has no argument a rule could name, and the bare name would allow"
                    + " every call of it");
        }
        return new Always.Rules(List.of(toolName + "(" + ToolRule.escapeCommand(argument) + ")"));
    }

    /** What a headless team answers when nobody can be asked: the reason, and what to do instead. */
    public Decision.Deny headlessDefault(Decision.Ask ask) {
        return new Decision.Deny("not allowed for role " + role + ": " + ask.why() + " No person is there to approve"
                + " it. Run only commands the rules allow, one simple command at a time (no $(...), backticks,"
                + " redirections to files or here-documents), or ask a teammate or the human"
                + " (mcp__peers__send_message) to do this step.");
    }

    private static Optional<ToolRule> firstWhole(String toolName, List<ToolRule> rules) {
        return rules.stream()
                .filter(rule -> rule.wholeTool() && rule.tool().equals(toolName))
                .findFirst();
    }

    private record Parts(List<Part> parts, String unknown) {
        static Parts unknown(String why) {
            return new Parts(List.of(), why);
        }
    }

    private Parts parts(String toolName, ToolInput input) {
        if (toolName.equals("Bash")) {
            String command = input.mainArgument();
            if (command == null) {
                return Parts.unknown("it names no command");
            }
            return switch (ShellParser.parse(command)) {
                case ShellCommand.NotUnderstood(String why) -> Parts.unknown(why);
                case ShellCommand.Understood understood -> {
                    List<Part> parts = new ArrayList<>();
                    understood.commands().forEach(c -> parts.add(new Part.Command(c.text())));
                    for (ShellCommand.Redirect redirect : understood.redirects()) {
                        Optional<Path> file = paths.canonical(worktree.resolve(redirect.target()));
                        if (file.isEmpty()) {
                            yield Parts.unknown("the path " + redirect.target() + " cannot be resolved");
                        }
                        parts.add(new Part.File(redirect.writes() ? "Write" : "Read", file.get()));
                    }
                    yield new Parts(parts, null);
                }
            };
        }
        if (ToolCalls.isPathTool(toolName)) {
            return switch (ToolCalls.target(toolName, input, worktree)) {
                case ToolCalls.Target.Unknown(String why) -> Parts.unknown(why);
                case ToolCalls.Target.At(Path at) ->
                    paths.canonical(at)
                            .map(path -> new Parts(List.of(new Part.File(toolName, path)), null))
                            .orElse(Parts.unknown("its path " + at + " cannot be resolved"));
            };
        }
        return new Parts(List.of(new Part.Other(toolName, input.mainArgument())), null);
    }

    private Optional<String> allowedBy(Part part) {
        return switch (part) {
            case Part.Command(String text) -> firstReason(rule -> rule.allowsCommand(text));
            case Part.File(String tool, Path path) -> {
                Optional<String> byRule = firstReason(rule -> rule.allowsPath(tool, path)
                        || (rule.wholeTool() && rule.tool().equals(tool)));
                if (byRule.isPresent()) {
                    yield byRule;
                }
                if (ToolCalls.isReadTool(tool) && path.startsWith(worktree)) {
                    yield Optional.of("reads inside the worktree");
                }
                if (ToolCalls.isEditTool(tool) && permissionMode.equals("acceptEdits") && editableInWorktree(path)) {
                    yield Optional.of("acceptEdits inside the worktree");
                }
                yield Optional.empty();
            }
            case Part.Other(String tool, String argument) -> firstReason(rule -> rule.allowsArgument(tool, argument));
        };
    }

    private Optional<String> firstReason(java.util.function.Predicate<ToolRule> allows) {
        for (ToolRule rule : allowed) {
            if (allows.test(rule)) {
                return Optional.of("allowed_tools: " + rule);
            }
        }
        for (ToolRule rule : approved) {
            if (allows.test(rule)) {
                return Optional.of("approved always by the person: " + rule);
            }
        }
        return Optional.empty();
    }

    private boolean editableInWorktree(Path path) {
        if (!path.startsWith(worktree) || path.equals(worktree)) {
            return false;
        }
        Path inside = worktree.relativize(path);
        for (Path segment : inside) {
            if (CONFIG_DIRS.contains(segment.toString())) {
                return false;
            }
        }
        return true;
    }

    /** Why the call reaches the coordinator's files, if it does. */
    private Optional<String> touchesCoordinator(String toolName, ToolInput input) {
        if (protectedFiles.roots().isEmpty()) {
            return Optional.empty();
        }
        if (toolName.equals("Bash")) {
            String command = input.mainArgument();
            if (command == null) {
                return Optional.empty();
            }
            Optional<String> mention = protectedFiles.mentionedIn(command);
            if (mention.isPresent()) {
                return Optional.of("the command mentions " + mention.get());
            }
            if (ShellParser.parse(command) instanceof ShellCommand.Understood understood) {
                for (ShellCommand.Redirect redirect : understood.redirects()) {
                    Optional<Path> file = paths.canonical(worktree.resolve(redirect.target()));
                    if (file.isPresent() && protectedFiles.hold(file.get())) {
                        return Optional.of("it redirects to " + file.get());
                    }
                }
            }
            return Optional.empty();
        }
        if (!ToolCalls.isPathTool(toolName)) {
            return Optional.empty();
        }
        for (String[] field : new String[][] {{"pattern", input.pattern()}, {"glob", input.glob()}}) {
            if (field[1] != null) {
                Optional<String> mention = protectedFiles.mentionedIn(field[1]);
                if (mention.isPresent()) {
                    return Optional.of("its " + field[0] + " mentions " + mention.get());
                }
            }
        }
        if (!(ToolCalls.target(toolName, input, worktree) instanceof ToolCalls.Target.At(Path at))) {
            return Optional.empty();
        }
        Optional<Path> canonical = paths.canonical(at);
        if (canonical.isEmpty()) {
            return Optional.empty(); // not resolvable: asked about, never allowed by a rule
        }
        if (protectedFiles.hold(canonical.get())) {
            return Optional.of(canonical.get() + " is one of the coordinator's files");
        }
        if (ToolCalls.isSearchTool(toolName) && protectedFiles.below(canonical.get())) {
            return Optional.of("searching " + canonical.get() + " would read the coordinator's files; search inside"
                    + " your worktree");
        }
        return Optional.empty();
    }

    private static String describe(Part part) {
        return switch (part) {
            case Part.Command(String text) -> "'" + oneLine(text) + "'";
            case Part.File(String tool, Path path) -> tool + "(" + path + ")";
            case Part.Other(String tool, String argument) -> argument == null ? tool : tool + "(" + argument + ")";
        };
    }

    public static String describe(String toolName, ToolInput input) {
        String argument = input.mainArgument();
        return argument == null ? toolName : toolName + "(" + oneLine(argument) + ")";
    }

    private static String oneLine(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
