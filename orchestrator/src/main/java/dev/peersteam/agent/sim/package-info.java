/**
 * The simulated agent ({@code agent: sim}): a stand-in for the Claude Code CLI that speaks the CLI side of the
 * stream-json protocol exactly as CLI 2.1.328 does (initialize, the SDK MCP handshake over {@code mcp_message},
 * {@code system/init} per turn, one {@code assistant} frame per content block, tool results, lifecycle frames, one
 * {@code result} per turn with a running {@code total_cost_usd}, {@code can_use_tool}, interrupt, resume) and acts
 * out a role's <b>behaviour script</b> instead of calling a model. For demos without an API key, benchmarks with many
 * sessions, and tests that need faults. Entry points: {@link dev.peersteam.agent.sim.SimAgent#run},
 * {@link dev.peersteam.agent.sim.SimAgentMain}, {@link dev.peersteam.agent.sim.SimAgentCommand}.
 *
 * <h2>Behaviour scripts</h2>
 *
 * A YAML file, given with {@code --script FILE} or the environment variable {@code PEERS_SIM_SCRIPT}. The role comes
 * from {@code --role}, else {@code PEERS_TEAM_ROLE}, else the line {@code You are the role "x"} of
 * {@code --append-system-prompt}.
 *
 * <pre>{@code
 * cost_per_turn: 0.01          # USD each turn adds to total_cost_usd (default 0.01); also per role
 * faults: {}                   # fault injection, see below; also per role, and as command-line options
 * roles:
 *   backend:                   # a role name; "*" holds rules for every role, tried after the role's own
 *     rules:                   # tried in order; the first that matches the message runs
 *       - on: task             # start | message | task
 *         from: manager        # optional: only messages "[from manager] ..."
 *         contains: API        # optional: only messages containing this text (ignoring case)
 *         once: false          # optional: true = this rule fires at most once per process
 *         do:                  # the turn's steps, in order
 *           - tool: {name: update_task, input: {id: $task, status: in_progress}}
 *           - write: {path: api/items.txt, content: "GET /items\n"}
 *           - bash: ls api
 *           - commit: "backend: $task"
 *           - send: {to: $from, text: "$task is done"}
 *           - say: Finished $task.
 * }</pre>
 *
 * <p><b>Triggers</b> ({@code on:}): {@code start}, the session's first turn (its first message; not after a
 * resume); {@code message}, any message; {@code task}, a message with a task id ({@code T} and digits). Messages
 * from teammates arrive as {@code [from ROLE] text}; {@code from:} matches {@code ROLE}. A message no rule matches
 * gets a short text reply ({@code Noted: ...}) and the turn ends.
 *
 * <p><b>Steps</b> ({@code do:}), each a one-key mapping:
 * <ul>
 * <li>{@code say: TEXT}: an assistant text block; the turn's last text is the result's {@code result}.
 * <li>{@code send: {to, text}}: calls the team tool {@code mcp__peers__send_message}.
 * <li>{@code tool: {name, input}}: calls any tool of the {@code peers} MCP server by its short name
 *     ({@code create_task}, {@code update_task}, {@code get_board}, ...; a full {@code mcp__server__tool} name works
 *     too). The call goes to the host as an {@code mcp_message tools/call} and the turn waits for the answer.
 * <li>{@code write: {path, content}}: a {@code Write} tool call that writes the file (path relative to the cwd).
 * <li>{@code bash: COMMAND}: a {@code Bash} tool call that runs {@code bash -c COMMAND} in the cwd.
 * <li>{@code commit: MESSAGE}: a {@code Bash} tool call of {@code git add -A && git commit -q -m MESSAGE}.
 * <li>{@code sleep: MILLIS}: waits (an interrupt ends the wait and the turn).
 * <li>{@code sleep: {from_text: REGEX, default: MILLIS}}: waits as many milliseconds as the first group of REGEX
 *     captures in the message's text (e.g. {@code 'takes (\d+) ms'} against a task whose details say
 *     "takes 1200 ms"), so each task can carry its own duration; {@code default} (0 if left out) when it does not
 *     match.
 * <li>{@code cost: USD}: this turn adds USD instead of {@code cost_per_turn}.
 * </ul>
 * {@code write}, {@code bash} and {@code commit} go through the permission flow of the real CLI: the permission
 * mode, {@code --allowedTools} rules, else a {@code can_use_tool} request to the host (with
 * {@code --permission-prompt-tool stdio}) whose allow, deny or deny-and-interrupt is obeyed. Team tools not covered
 * by {@code --allowedTools} are asked about too, as the real CLI does.
 *
 * <p><b>Variables</b> in any text of a step: {@code $task} (first task id of the message, or empty), {@code $from}
 * (the sender's role), {@code $role} (this agent's role), {@code $text} (the message without its prefix);
 * {@code ${name}} works too. Note that {@code $text} in a {@code bash:} step puts a teammate's words into a shell
 * command.
 *
 * <p><b>Faults</b> the sim injects itself, under {@code faults:} (in the script, or a role) or as command-line
 * options; command-line options override the role's values, which override the script's:
 * <ul>
 * <li>{@code crash_after_turns: N} ({@code --crash-after-turns N}): after N completed turns, the next turn writes its
 *     first frame and the process exits with 137, writing nothing more to its transcript (as if SIGKILLed mid-turn);
 * <li>{@code garbage_every: N} ({@code --garbage-every N}): a non-JSON line and a malformed {@code {} line after
 *     every N frames;
 * <li>{@code slow_ms: N} ({@code --slow-ms N}): a delay of N ms before each frame;
 * <li>{@code huge_line_bytes: N} ({@code --huge-line-bytes N}): the first turn starts with one text block of N bytes;
 * <li>{@code exit_on_start: CODE} ({@code --exit-on-start CODE}): exit with CODE before reading anything.
 * </ul>
 * Faults from outside need no option: a SIGKILL loses what the transcript had not written yet (it is written 100 ms
 * behind the frames, see below), SIGSTOP freezes the process with its pipes; the chaos suite (test package
 * {@code dev.peersteam.chaos}) does both, and SIGKILLs the coordinator under running sims, which then finish their
 * turn and exit, as the real CLI does.
 *
 * <p><b>What becomes of a message</b> (as recorded from the real CLI 2.1.328 and 2.1.332; {@code docs/messaging.md},
 * "What the CLI does with a message"): a message with a {@code uuid} is {@code queued} at once; it is
 * {@code started} when a turn takes it, and {@code completed} after that turn's result ({@code cancelled} when the
 * turn was interrupted). A message sent while a turn waits on a tool (a permission, a team tool's answer, a command)
 * is folded into that turn at the tool's result: {@code started} there, {@code completed} just before the turn's
 * result, which names both messages, and no turn of its own. Messages queued while a turn runs without reaching a
 * tool result run together as the next turn (merged): one {@code started} each, one result naming them all.
 * {@code interrupt} answers {@code still_queued} with the waiting uuids (they then run, merged); with
 * {@code cancel_queued:true} they are {@code cancelled} first and listed under {@code cancelled};
 * {@code cancel_async_message} cancels one. A uuid this process has already seen is dropped without a frame.
 *
 * <p><b>The transcript</b>: the sim writes {@code $CLAUDE_CONFIG_DIR/projects/<cwd, each non-alphanumeric character
 * made '-'>/<session id>.jsonl} (else under {@code ~/.claude}) with the entries of the real CLI that tell what became
 * of a message: {@code queue-operation} {@code enqueue} (with the text) when a message is read, {@code dequeue} when
 * a turn takes it, {@code remove} when it is folded in or cancelled by an interrupt; a {@code user} entry per turn
 * whose {@code uuid} is the message's (merged: the last message's, the others in {@code mergedSendUuids}); a
 * {@code queued_command} attachment ({@code source_uuid}, {@code prompt}) for a folded message; the assistant's
 * blocks, tool results and interruption markers; a {@code cost-state} after each turn. Entries reach the file in
 * batches 100 ms after the frames that announce them, so a process killed right after {@code started} has not yet
 * written the message, as with the real CLI. {@code --resume=<id>} reads it back: the running cost continues; a
 * uuid the transcript has as an answered {@code user} entry gets {@code completed} alone and no turn; one whose turn
 * nothing answered (the process died first) runs again, after a synthetic "No response requested." that closes the
 * old turn; a folded or merged message's uuid is not recognised, so it runs again, which is what the real CLI does
 * too. A session without a transcript cannot be resumed. When its host dies (stdout and stdin closed), the sim
 * finishes its turn without writing frames, keeping the transcript, and then exits, as the real CLI does.
 *
 * <p><b>Not simulated</b> (the real CLI does these): an interrupt also reports the partially streamed assistant
 * message ({@code "aborted":true}); hooks ({@code hook_callback}), {@code --include-partial-messages},
 * {@code --replay-user-messages}, {@code --max-budget-usd}, {@code --max-turns}, and control requests other than
 * {@code initialize}, {@code interrupt}, {@code cancel_async_message}, {@code end_session},
 * {@code set_permission_mode}, {@code set_model} and {@code mcp_status} (answered with an
 * {@code unsupported_request} error). Read-only commands are not auto-allowed: every {@code bash:} step needs a
 * rule, the mode or the host's permission. The transcript holds only the entries named above (not the real CLI's
 * environment and listing attachments, request records or {@code last-prompt}), writes {@code cost-state} after
 * each turn rather than at the exit, and does not shorten a project directory name longer than 200 characters.
 * The lifecycle state {@code refused} (the real CLI's receive-side policy for peer messages) never occurs.
 */
package dev.peersteam.agent.sim;
