package dev.peersteam.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool call waiting for a person ({@code up --ask}, the console, the web dashboard): {@code id} is what
 * {@code approve} and {@code deny} take, {@code summary} the call as the live log shows it ({@code Bash(npm test)}).
 * A person decides on what will run, not on a one-line summary, so {@code input} is the call's whole input; an input
 * longer than {@link #MAX_INPUT_CHARS} as JSON text (a big Write) comes instead as the start of that text
 * ({@code inputExcerpt}) and its length ({@code inputChars}), so that {@code ps} stays small. Null parts are left out
 * of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingPermission(
        String id,
        String role,
        String tool,
        String summary,
        JsonNode input,
        @JsonProperty("input_excerpt") String inputExcerpt,
        @JsonProperty("input_chars") Integer inputChars) {

    /** The most of a waiting call's input shown whole. */
    public static final int MAX_INPUT_CHARS = 32 * 1024;

    /** A call whose input is not known (tests, older coordinators). */
    public PendingPermission(String id, String role, String tool, String summary) {
        this(id, role, tool, summary, null, null, null);
    }

    /** The call with its input whole, or its start when it is too long. */
    public static PendingPermission of(String id, String role, String tool, String summary, JsonNode input) {
        String json = input.toString();
        return json.length() <= MAX_INPUT_CHARS
                ? new PendingPermission(id, role, tool, summary, input, null, null)
                : new PendingPermission(
                        id, role, tool, summary, null, json.substring(0, MAX_INPUT_CHARS), json.length());
    }
}
