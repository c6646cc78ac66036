package dev.peersteam.remote;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The POSIX shell scripts peers-team runs on a role's host. Every value in them is quoted ({@link ShellWords}); none
 * needs anything on the host but a POSIX shell, coreutils, {@code mkfifo}, git, and {@code pgrep} for leftovers.
 */
final class RemoteScripts {
    /** Exit code of the transcript look-up when the session has no transcript on the host. */
    static final int NO_TRANSCRIPT = 3;

    /** How long an agent gets to end by itself after its stream closed, before SIGTERM (then SIGKILL 3 s later). */
    static final int STOP_GRACE_SECONDS = 5;

    private RemoteScripts() {}

    /**
     * Runs the agent in {@code dir} so that it cannot outlive its stream. The agent gets its stdin from a fifo fed by
     * {@code cat} from the channel, and runs in a session of its own ({@code setsid}). When the channel's input ends
     * (the coordinator closed it to stop the session, the client was killed, or sshd gave up on a dead link), the
     * agent sees the end of its input as it would locally, gets {@value #STOP_GRACE_SECONDS} s to finish, then its
     * whole session is sent SIGTERM and, 3 s later, SIGKILL. When the agent ends first, the script ends with its exit
     * code, which the client hands back.
     */
    static String agent(Path dir, Map<String, String> environment, List<String> argv) {
        StringBuilder assignments = new StringBuilder();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not an environment variable name: " + name);
            }
            assignments.append(name).append('=').append(ShellWords.quote(value)).append(' ');
        });
        return """
                cd %s || exit 126
                d=$(mktemp -d "${TMPDIR:-/tmp}/peers-team.XXXXXX") || exit 125
                mkfifo "$d/in" || { rm -rf "$d"; exit 125; }
                s=; command -v setsid >/dev/null 2>&1 && s=setsid
                unset CLAUDECODE
                %s$s %s <"$d/in" &
                pid=$!
                exec 3>"$d/in" 4<&0 0</dev/null
                rm -rf "$d"
                (
                  trap 'kill $t 2>/dev/null; exit 0' TERM
                  t=
                  cat <&4 >&3
                  exec 3>&- 4<&-
                  sleep %d & t=$!; wait $t
                  kill -TERM -$pid 2>/dev/null || kill -TERM $pid 2>/dev/null
                  sleep 3 & t=$!; wait $t
                  kill -KILL -$pid 2>/dev/null || kill -KILL $pid 2>/dev/null
                ) >/dev/null 2>&1 &
                w=$!
                exec 3>&- 4<&-
                wait $pid
                rc=$?
                kill $w 2>/dev/null
                exit $rc
                """.formatted(ShellWords.quote(dir.toString()), assignments, ShellWords.join(argv), STOP_GRACE_SECONDS);
    }

    /**
     * Ends the processes on the host whose command line names session {@code sid} ({@code --session-id=} or
     * {@code --resume=}): a session whose link was cut may still run there until sshd notices; resuming it beside
     * them would have two processes write one transcript. SIGTERM to each one's process group, up to 3 s, SIGKILL.
     * Expects {@code $sid}.
     */
    static final String END_LEFTOVERS = """
            if command -v pgrep >/dev/null 2>&1; then
              pids=$(pgrep -u "$(id -u)" -f -- "--(session-id|resume)=$sid( |\\$)")
              if [ -n "$pids" ]; then
                echo "peers-team: ending processes of session $sid left on $(hostname): $pids" >&2
                for p in $pids; do kill -TERM -$p 2>/dev/null || kill -TERM $p 2>/dev/null; done
                i=0
                while [ $i -lt 30 ] && kill -0 $pids 2>/dev/null; do sleep 0.1; i=$((i+1)); done
                for p in $pids; do kill -KILL -$p 2>/dev/null || kill -KILL $p 2>/dev/null; done
              fi
            fi
            """;

    /** Ends what is left of session {@code sessionId} on the host. */
    static String endLeftovers(String sessionId) {
        return "sid=" + ShellWords.quote(sessionId) + "\n" + END_LEFTOVERS;
    }

    /**
     * Ends what is left of the session, then prints its transcript ({@code $CLAUDE_CONFIG_DIR}, else
     * {@code ~/.claude}, then {@code projects/<any>/<id>.jsonl}), or exits {@value #NO_TRANSCRIPT} when there is none.
     */
    static String transcript(String sessionId) {
        return endLeftovers(sessionId) + """
                base="${CLAUDE_CONFIG_DIR:-$HOME/.claude}/projects"
                for f in "$base"/*/"$sid".jsonl; do
                  if [ -f "$f" ]; then exec cat "$f"; fi
                done
                exit %d
                """.formatted(NO_TRANSCRIPT);
    }
}
