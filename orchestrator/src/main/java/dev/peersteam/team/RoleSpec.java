package dev.peersteam.team;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One role of a validated team: defaults already applied.
 *
 * @param name           the role name; also its worktree directory name and the tail of its branch
 * @param lead           whether this role receives the goal and unassigned work (exactly one role per team)
 * @param prompt         the resolved prompt text (inline, or read from {@code promptFile}); {@code ""} if none
 * @param promptFile     the absolute file the prompt came from: the {@code prompt_file}, or the {@code agent_file}
 *                       (whose body is the prompt); null when the prompt was inline or absent
 * @param agent          the agent program the role runs
 * @param model          the model to ask for; null means the CLI's default
 * @param permissionMode one of {@link #PERMISSION_MODES}
 * @param allowedTools   permission rules such as {@code Read} or {@code Bash(npm test)}; may be empty
 * @param command        the agent command line; null means the default {@code claude} on PATH
 * @param budgetUsd      the role's cost cap in USD; null means no per-role cap
 * @param description    one line on what the role is for, for its teammates: the role's {@code description}, or
 *                       else its agent file's; null when neither gives one
 * @param agentFile      the absolute Claude Code agent file the role's prompt and some settings came from; null
 *                       when the role names none
 * @param watches        whose commits and tasks are sent to this role; {@link WatchedRoles#NONE} by default
 * @param simScript      the behaviour script of {@code agent: sim}; null for other agents
 * @param sandbox        whether the role's Bash runs in Claude Code's sandbox; null means "where available"
 * @param host           the host the role runs on ({@code host:}, {@code remote_dir:}); null means this machine
 */
public record RoleSpec(
        String name,
        boolean lead,
        String prompt,
        Path promptFile,
        AgentKind agent,
        String model,
        String permissionMode,
        List<String> allowedTools,
        List<String> command,
        Double budgetUsd,
        String description,
        Path agentFile,
        WatchedRoles watches,
        Path simScript,
        Boolean sandbox,
        RemoteHost host) {

    /** The permission modes Claude Code accepts for {@code --permission-mode}. */
    public static final List<String> PERMISSION_MODES =
            List.of("default", "acceptEdits", "plan", "dontAsk", "auto", "bypassPermissions");

    /** Workers edit files in their own worktree, so edits are accepted unless the team file says otherwise. */
    public static final String DEFAULT_PERMISSION_MODE = "acceptEdits";

    public RoleSpec {
        Objects.requireNonNull(name, "name");
        prompt = prompt == null ? "" : prompt;
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(permissionMode, "permissionMode");
        allowedTools = List.copyOf(allowedTools);
        command = command == null ? null : List.copyOf(command);
        watches = watches == null ? WatchedRoles.NONE : watches;
    }

    /** A role on this machine. */
    public RoleSpec(
            String name,
            boolean lead,
            String prompt,
            Path promptFile,
            AgentKind agent,
            String model,
            String permissionMode,
            List<String> allowedTools,
            List<String> command,
            Double budgetUsd,
            String description,
            Path agentFile,
            WatchedRoles watches,
            Path simScript,
            Boolean sandbox) {
        this(
                name,
                lead,
                prompt,
                promptFile,
                agent,
                model,
                permissionMode,
                allowedTools,
                command,
                budgetUsd,
                description,
                agentFile,
                watches,
                simScript,
                sandbox,
                null);
    }

    /** Whether the role runs on another machine ({@code host:}). */
    public boolean onAnotherHost() {
        return host != null;
    }

    /** A role whose sandbox follows the default (on where available). */
    public RoleSpec(
            String name,
            boolean lead,
            String prompt,
            Path promptFile,
            AgentKind agent,
            String model,
            String permissionMode,
            List<String> allowedTools,
            List<String> command,
            Double budgetUsd,
            String description,
            Path agentFile,
            WatchedRoles watches,
            Path simScript) {
        this(
                name,
                lead,
                prompt,
                promptFile,
                agent,
                model,
                permissionMode,
                allowedTools,
                command,
                budgetUsd,
                description,
                agentFile,
                watches,
                simScript,
                null);
    }

    /** A role of an agent kind other than {@code sim}, which needs no behaviour script. */
    public RoleSpec(
            String name,
            boolean lead,
            String prompt,
            Path promptFile,
            AgentKind agent,
            String model,
            String permissionMode,
            List<String> allowedTools,
            List<String> command,
            Double budgetUsd,
            String description,
            Path agentFile,
            WatchedRoles watches) {
        this(
                name,
                lead,
                prompt,
                promptFile,
                agent,
                model,
                permissionMode,
                allowedTools,
                command,
                budgetUsd,
                description,
                agentFile,
                watches,
                null);
    }

    /** A role with no description, no agent file and no watches, as roles were before those keys existed. */
    public RoleSpec(
            String name,
            boolean lead,
            String prompt,
            Path promptFile,
            AgentKind agent,
            String model,
            String permissionMode,
            List<String> allowedTools,
            List<String> command,
            Double budgetUsd) {
        this(
                name,
                lead,
                prompt,
                promptFile,
                agent,
                model,
                permissionMode,
                allowedTools,
                command,
                budgetUsd,
                null,
                null,
                WatchedRoles.NONE,
                null);
    }

    /** The git branch the role works on, in its own worktree. */
    public String branch() {
        return "peers/" + name;
    }
}
