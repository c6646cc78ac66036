package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of a tool call, with the fields a host judges it by read once: the command of Bash, the paths of the
 * file tools, the pattern of the search tools, the URL or host of the web tools. A field the input does not hold as
 * text is null. {@code raw} is the input as the model wrote it, given back to the CLI unchanged when the call is
 * allowed.
 */
public record ToolInput(
        String command,
        String filePath,
        String notebookPath,
        String path,
        String pattern,
        String glob,
        String url,
        String host,
        JsonNode raw) {

    public static ToolInput of(JsonNode input) {
        JsonNode raw = input == null ? Json.object() : input;
        return new ToolInput(
                text(raw, "command"),
                text(raw, "file_path"),
                text(raw, "notebook_path"),
                text(raw, "path"),
                text(raw, "pattern"),
                text(raw, "glob"),
                text(raw, "url"),
                text(raw, "host"),
                raw);
    }

    /** The argument a rule for the tool is matched against: the command, the path, the URL, ... in that order. */
    public String mainArgument() {
        for (String value : new String[] {command, filePath, notebookPath, path, url, host, pattern}) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode input, String field) {
        JsonNode value = input.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
