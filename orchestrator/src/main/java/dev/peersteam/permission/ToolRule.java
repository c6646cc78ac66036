package dev.peersteam.permission;

import dev.peersteam.protocol.ToolInput;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A permission rule in Claude Code's own syntax, with Claude Code's meaning:
 *
 * <ul>
 *   <li>{@code Tool} (or {@code Tool()}, {@code Tool(*)}): every call of the tool.
 *   <li>{@code Bash(git status)}: exactly that simple command; {@code Bash(git status:*)}: that command alone or
 *       followed by a space and arguments; {@code Bash(npm run test *)}: a wildcard ({@code *} matches anything,
 *       {@code \*} is a star; a trailing {@code " *"} that is the only wildcard also matches no arguments). A Bash
 *       rule is matched against one simple command at a time, never against a whole compound command: see
 *       {@link ShellParser}.
 *   <li>{@code Read(path)}, {@code Edit(path)}, ...: a .gitignore-style path pattern matched against the canonical
 *       path; {@code //abs} and {@code /abs} are absolute, other patterns are relative to the role's worktree (a
 *       pattern without a slash matches at any depth). {@code Read(...)} rules also cover Grep, Glob and LS;
 *       {@code Edit(...)} rules cover Write, MultiEdit and NotebookEdit, as in Claude Code.
 *   <li>Any other tool: its main argument (a URL, ...) against a wildcard; {@code WebFetch(domain:host)} a host.
 * </ul>
 */
public final class ToolRule {
    private static final Pattern SYNTAX =
            Pattern.compile("(mcp__[A-Za-z0-9_-]+|[A-Za-z][A-Za-z0-9_]*)(?:\\((.*)\\))?", Pattern.DOTALL);

    private final String tool;
    private final String content;
    private final Matcher matcher;

    private ToolRule(String tool, String content, Matcher matcher) {
        this.tool = tool;
        this.content = content;
        this.matcher = matcher;
    }

    /** How the content of a rule is matched; resolved against the role's worktree when the rule is read. */
    private sealed interface Matcher {
        record Everything() implements Matcher {}

        record Exact(String command) implements Matcher {}

        record Prefix(String prefix) implements Matcher {}

        record Command(Wildcard pattern, boolean argumentsOptional, String withoutTrailingStar) implements Matcher {}

        record PathGlob(Wildcard pattern, String directory) implements Matcher {}

        record Domain(String host) implements Matcher {}

        record Argument(Wildcard pattern) implements Matcher {}
    }

    /**
     * Reads a rule; empty when it is not one (then it allows nothing). Relative path patterns start at
     * {@code worktree}; the literal directory part of a path pattern is canonicalized with {@code paths}, so that a
     * rule naming a symlinked directory still matches the canonical paths it is compared with.
     */
    public static Optional<ToolRule> parse(String text, java.nio.file.Path worktree, PathResolver paths) {
        java.util.regex.Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String tool = m.group(1);
        String content = m.group(2);
        if (content == null || content.isEmpty() || content.equals("*")) {
            return Optional.of(new ToolRule(tool, null, new Matcher.Everything()));
        }
        try {
            return Optional.of(new ToolRule(tool, content, matcherFor(tool, content, worktree, paths)));
        } catch (IllegalArgumentException tooLong) {
            return Optional.empty();
        }
    }

    private static Matcher matcherFor(String tool, String content, java.nio.file.Path worktree, PathResolver paths) {
        if (tool.equals("Bash")) {
            if (content.endsWith(":*") && content.length() > 2) {
                return new Matcher.Prefix(unescape(content.substring(0, content.length() - 2)));
            }
            Wildcard pattern = Wildcard.command(content);
            if (pattern.isLiteral()) {
                return new Matcher.Exact(unescape(content));
            }
            boolean trailing = content.endsWith(" *") && !content.endsWith("\\ *") && pattern.wildcards() == 1;
            return new Matcher.Command(
                    pattern, trailing, trailing ? unescape(content.substring(0, content.length() - 2)) : null);
        }
        if (ToolCalls.isPathTool(tool)) {
            return pathMatcher(content, worktree, paths);
        }
        if (tool.equals("WebFetch") && content.startsWith("domain:")) {
            return new Matcher.Domain(content.substring("domain:".length()).toLowerCase(Locale.ROOT));
        }
        return new Matcher.Argument(Wildcard.command(content));
    }

    /**
     * The pattern made absolute, its literal leading directories canonicalized. A relative pattern with a slash is
     * anchored at the worktree; one without ({@code *.env}) matches at any depth below it, as in .gitignore.
     */
    private static Matcher pathMatcher(String content, java.nio.file.Path worktree, PathResolver paths) {
        String pattern;
        if (content.startsWith("//")) {
            pattern = content.substring(1);
        } else if (content.startsWith("/")) {
            pattern = content;
        } else {
            String relative = content.startsWith("./") ? content.substring(2) : content;
            String base = worktree.toString();
            pattern = (base.endsWith("/") ? base : base + "/") + (relative.contains("/") ? "" : "**/") + relative;
        }
        // the literal directories before the first wildcard may be a symlink: compare canonical with canonical
        int firstWildcard = firstWildcard(pattern);
        int cut = pattern.lastIndexOf('/', firstWildcard < 0 ? pattern.length() : firstWildcard);
        String directory = cut <= 0 ? "/" : pattern.substring(0, cut);
        String rest = cut < 0 ? pattern : pattern.substring(cut);
        String canonical = paths.canonical(java.nio.file.Path.of(unescapePath(directory)))
                .map(java.nio.file.Path::toString)
                .orElse(directory);
        String anchored = (canonical.equals("/") ? "" : escapePath(canonical)) + rest;
        String directoryItself =
                anchored.endsWith("/**") ? unescapePath(anchored.substring(0, anchored.length() - 3)) : null;
        return new Matcher.PathGlob(Wildcard.path(anchored), directoryItself); // dir/** covers dir itself too
    }

    private static int firstWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    /**
     * A rule read without a worktree or the file system: relative path patterns start at {@code /}. For the
     * simulated agent, which stands in for the CLI's own matching; the coordinator uses the other {@code parse}.
     */
    public static Optional<ToolRule> parse(String text) {
        return parse(text, java.nio.file.Path.of("/"), PathResolver.LEXICAL);
    }

    /**
     * Whether this one rule allows the whole call, judged by the text alone: every simple command of a Bash call
     * (and no redirection to a file), the lexically normalized path of a file tool, another tool's argument. For
     * the simulated agent; the coordinator judges calls with {@link PermissionPolicy}.
     */
    public boolean matches(String toolName, ToolInput input) {
        if (!tool.equals(toolName) && !(ToolCalls.isPathTool(toolName) && !(matcher instanceof Matcher.Everything))) {
            return false;
        }
        if (matcher instanceof Matcher.Everything) {
            return true;
        }
        if (toolName.equals("Bash")) {
            String command = input.mainArgument();
            return command != null
                    && ShellParser.parse(command) instanceof ShellCommand.Understood understood
                    && understood.redirects().isEmpty()
                    && understood.commands().stream().allMatch(c -> allowsCommand(c.text()));
        }
        if (ToolCalls.isPathTool(toolName)) {
            return ToolCalls.target(toolName, input, java.nio.file.Path.of("/"))
                            instanceof ToolCalls.Target.At(java.nio.file.Path at)
                    && allowsPath(toolName, at.normalize());
        }
        return allowsArgument(toolName, input.mainArgument());
    }

    public String tool() {
        return tool;
    }

    /** Whether the rule names the whole tool (no content). */
    public boolean wholeTool() {
        return matcher instanceof Matcher.Everything;
    }

    /** Whether this rule allows the simple command {@code text} (one part of a Bash call). */
    boolean allowsCommand(String text) {
        if (!tool.equals("Bash")) {
            return false;
        }
        return switch (matcher) {
            case Matcher.Everything e -> true;
            case Matcher.Exact(String command) -> text.equals(command);
            case Matcher.Prefix(String prefix) -> text.equals(prefix) || text.startsWith(prefix + " ");
            case Matcher.Command(Wildcard pattern, boolean optional, String bare) ->
                pattern.matches(text) || (optional && text.equals(bare));
            default -> false;
        };
    }

    /**
     * Whether this rule allows {@code toolName} on the canonical {@code path}: rules of the same tool, and
     * {@code Read(...)}/{@code Edit(...)} rules for the tools of their family.
     */
    boolean allowsPath(String toolName, java.nio.file.Path path) {
        boolean sameTool = tool.equals(toolName);
        boolean family = !sameTool
                && ((tool.equals("Read") && ToolCalls.isReadTool(toolName))
                        || (tool.equals("Edit") && ToolCalls.isEditTool(toolName)));
        if (!sameTool && !family) {
            return false;
        }
        return switch (matcher) {
            case Matcher.Everything e -> sameTool;
            case Matcher.PathGlob(Wildcard pattern, String directory) ->
                pattern.matches(path.toString()) || path.toString().equals(directory);
            default -> false;
        };
    }

    /** Whether this rule allows a call of another tool, by its main argument (null when it has none). */
    boolean allowsArgument(String toolName, String argument) {
        if (toolName.equals("SandboxNetworkAccess") && matcher instanceof Matcher.Domain(String host)) {
            // the sandbox asks for a host; Claude Code suggests WebFetch(domain:...) rules for it
            return tool.equals("WebFetch") && argument != null && host.equals(argument.toLowerCase(Locale.ROOT));
        }
        if (!tool.equals(toolName)) {
            return false;
        }
        return switch (matcher) {
            case Matcher.Everything e -> true;
            case Matcher.Domain(String host) -> argument != null && host.equals(hostOf(argument));
            case Matcher.Argument(Wildcard pattern) -> argument != null && pattern.matches(argument);
            default -> false;
        };
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Backslash escapes of a Bash rule ({@code \*}, {@code \\}) as the characters they stand for. */
    private static String unescape(String content) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\\'
                    && i + 1 < content.length()
                    && (content.charAt(i + 1) == '*' || content.charAt(i + 1) == '\\')) {
                c = content.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String unescapePath(String content) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\\' && i + 1 < content.length()) {
                c = content.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code text} as the content of an exact Bash rule: stars and backslashes escaped. */
    static String escapeCommand(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*");
    }

    /** {@code path} as a path pattern that matches only itself. */
    static String escapePath(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if ("\\*?[".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return content == null ? tool : tool + "(" + content + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ToolRule rule && rule.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
