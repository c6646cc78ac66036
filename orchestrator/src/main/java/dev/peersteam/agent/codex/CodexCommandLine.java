package dev.peersteam.agent.codex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codex reports a shell call as the command line it runs, {@code /bin/bash -lc "<cmd>"} (observed on 0.171.0). The
 * permission rules of the team file are written for the command the model asked for, so that is what they see.
 */
final class CodexCommandLine {
    private static final Pattern WRAPPED =
            Pattern.compile("^(?:/bin/|/usr/bin/)?(?:bash|sh|zsh) -l?c (.*)$", Pattern.DOTALL);

    private CodexCommandLine() {}

    /** The command inside the shell wrapper, unquoted; the line unchanged when it is not wrapped that way. */
    static String inner(String commandLine) {
        Matcher m = WRAPPED.matcher(commandLine);
        if (!m.matches()) {
            return commandLine;
        }
        String quoted = m.group(1);
        if (quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'")) {
            return quoted.substring(1, quoted.length() - 1).replace("'\\''", "'");
        }
        if (quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            String body = quoted.substring(1, quoted.length() - 1);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() && "\"\\$`".indexOf(body.charAt(i + 1)) >= 0) {
                    out.append(body.charAt(++i));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        return quoted;
    }
}
