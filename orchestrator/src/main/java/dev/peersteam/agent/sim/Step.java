package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing a simulated agent does during a turn, as written in a behaviour script under {@code do:}. Text in a step
 * may use the variables of {@link Variables}; {@link #expand} fills them in just before the step runs.
 */
public sealed interface Step {

    /** Replaces {@code $task}, {@code $from}, {@code $role} and {@code $text} in every text of the step. */
    Step expand(Variables variables);

    /** {@code say: TEXT}: an assistant text block. */
    record Say(String text) implements Step {
        public Step expand(Variables v) {
            return new Say(v.expand(text));
        }
    }

    /** {@code send: {to, text}}: a call of the team tool {@code mcp__peers__send_message}. */
    record Send(String to, String text) implements Step {
        public Step expand(Variables v) {
            return new Send(v.expand(to), v.expand(text));
        }
    }

    /** {@code tool: {name, input}}: a call of any tool of the {@code peers} MCP server, by its short name. */
    record Tool(String name, JsonNode input) implements Step {
        public Step expand(Variables v) {
            return new Tool(v.expand(name), v.expand(input));
        }
    }

    /** {@code write: {path, content}}: a {@code Write} tool call that writes the file, relative to the cwd. */
    record Write(String path, String content) implements Step {
        public Step expand(Variables v) {
            return new Write(v.expand(path), v.expand(content));
        }
    }

    /** {@code bash: COMMAND}: a {@code Bash} tool call that runs {@code bash -c COMMAND} in the cwd. */
    record Bash(String command) implements Step {
        public Step expand(Variables v) {
            return new Bash(v.expand(command));
        }
    }

    /** {@code commit: MESSAGE}: a {@code Bash} tool call of {@code git add -A && git commit}. */
    record Commit(String message) implements Step {
        public Step expand(Variables v) {
            return new Commit(v.expand(message));
        }

        /** The shell command, with the message single-quoted so nothing in it is interpreted. */
        String command() {
            return "git add -A && git commit -q -m '" + message.replace("'", "'\\''") + "'";
        }
    }

    /** {@code sleep: MILLIS}: think for a while (an interrupt ends the wait). */
    record Sleep(long millis) implements Step {
        public Step expand(Variables v) {
            return this;
        }
    }

    /**
     * {@code sleep: {from_text: REGEX, default: MILLIS}}: think for as many milliseconds as the first group of
     * {@code REGEX} captures in the message's text ({@code $text}), so each message can say how long its work takes;
     * {@code fallback} when it does not match (or the number is too large). Becomes a {@link Sleep} when expanded.
     */
    record SleepFromText(Pattern pattern, long fallback) implements Step {
        public Step expand(Variables v) {
            Matcher m = pattern.matcher(v.text());
            if (!m.find() || m.groupCount() < 1 || m.group(1) == null) {
                return new Sleep(fallback);
            }
            try {
                return new Sleep(Long.parseLong(m.group(1)));
            } catch (NumberFormatException e) {
                return new Sleep(fallback);
            }
        }

        // Pattern has no equals: compare by the regex text, so scripts read twice compare equal
        @Override
        public boolean equals(Object other) {
            return other instanceof SleepFromText that
                    && pattern.pattern().equals(that.pattern.pattern())
                    && fallback == that.fallback;
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode() * 31 + Long.hashCode(fallback);
        }
    }

    /** {@code cost: USD}: what this turn adds to {@code total_cost_usd}, instead of the per-turn default. */
    record Cost(BigDecimal usd) implements Step {
        public Step expand(Variables v) {
            return this;
        }
    }
}
