package dev.peersteam.permission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An allow rule in Claude Code's own syntax: {@code Tool} allows every call of the tool, {@code Tool(pattern)} only
 * calls whose main argument matches the glob ({@code *} matches anything; the old {@code prefix:*} form is read as
 * {@code prefix*}). The main argument is the command for Bash, the path for file tools, the URL for WebFetch.
 */
public record ToolRule(String tool, String pattern) {
    private static final Pattern SYNTAX = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\((.*)\\))?");

    public static Optional<ToolRule> parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String pattern = m.group(2);
        if (pattern != null && pattern.endsWith(":*")) {
            pattern = pattern.substring(0, pattern.length() - 2) + "*";
        }
        return Optional.of(new ToolRule(m.group(1), pattern == null || pattern.isEmpty() ? null : pattern));
    }

    public boolean matches(String toolName, JsonNode input) {
        if (!tool.equals(toolName)) {
            return false;
        }
        if (pattern == null) {
            return true;
        }
        String argument = mainArgument(toolName, input);
        return argument != null && glob(pattern).matcher(argument).matches();
    }

    static String mainArgument(String toolName, JsonNode input) {
        for (String field : new String[] {"command", "file_path", "notebook_path", "path", "url", "pattern"}) {
            JsonNode value = input.get(field);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return pattern == null ? tool : tool + "(" + pattern + ")";
    }
}
