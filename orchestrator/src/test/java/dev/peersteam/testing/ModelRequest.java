package dev.peersteam.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request the CLI sent to the fake Messages API ({@code POST /v1/messages}), with convenient views over its JSON
 * body. Immutable; {@link #json()} gives the raw body.
 *
 * <h2>What Claude Code 2.1.328 actually sends (observed with {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1})</h2>
 * <ul>
 *   <li>Exactly one {@code POST /v1/messages?beta=true} with {@code "stream":true} per model round-trip, nothing
 *       else: no {@code count_tokens}, no quota probe, no title generation, no preconnect. A plain turn, two queued
 *       turns and a Write/Bash/SDK-MCP tool round-trip gave exactly 1, 2 and 2 requests, the first about 0.4 s after
 *       spawn. (Without the nonessential-traffic switch the CLI also sends {@code HEAD /api/hello} to the base URL and
 *       resolves {@code api.anthropic.com}.)</li>
 *   <li>Errors: an HTTP error with {@code x-should-retry: false} (as the fake sends for script failures and
 *       {@link ModelReply#apiError}) ends the turn at once with a {@code result} {@code is_error:true},
 *       {@code terminal_reason:"api_error"}, {@code result:"API Error: 500 …"}, and the CLI exits 1 at EOF. A 400 is
 *       nevertheless resent up to 5 more times within a few ms, dropping betas one by one and then turning tool
 *       search off (all tools in {@code tools}).</li>
 *   <li>Body keys: {@code model, messages, system, tools, metadata, max_tokens, thinking, context_management,
 *       stream}, plus {@code output_config} ({@code {"effort":"medium"}}) for the newer models.
 *       {@code max_tokens} is 32000 for {@code claude-sonnet-4-5} (thinking {@code enabled} with a budget), 128000
 *       for the default/opus/haiku aliases (thinking {@code adaptive}).</li>
 *   <li>{@code system}: text blocks: a billing header line ({@code x-anthropic-billing-header: cc_version=…}), the
 *       identity line ("You are a Claude agent, built on Anthropic's Claude Agent SDK." or, with
 *       {@code --append-system-prompt}, "You are Claude Code, Anthropic's official CLI for Claude, running within the
 *       Claude Agent SDK."), then the long prompt; the {@code --append-system-prompt} text is at the very end of the
 *       last block.</li>
 *   <li>{@code messages}: the first user message carries many {@code <system-reminder>} text blocks (environment,
 *       deferred tools, agents, skills, git status, date, …) before the prompt's own text; tool results get a
 *       {@code <system-reminder>} too (appended to the string for built-in tools, as an extra text block inside the
 *       tool_result content for MCP tools). <b>Whether the environment arrives as a {@code role:"system"} message
 *       depends on the model</b>: with {@code --model claude-sonnet-4-5} it is a system-reminder inside the first
 *       user message; with the default model ({@code claude-opus-5-5}), {@code opus} or {@code haiku} the CLI puts a
 *       {@code {"role":"system"}} message right after the first user message (so it is trailing in the first
 *       request, and stays at index 1 later: {@code [user, system, assistant, user]}); beta
 *       {@code mid-conversation-tool-changes-2026-07-01}. {@code CLAUDE_CODE_FORCE_MID_CONVERSATION_SYSTEM=1} forces
 *       it. The views here skip non user/assistant roles.</li>
 *   <li>{@code metadata.user_id} is a JSON string {@code {"device_id":…,"account_uuid":"","session_id":…}}; the
 *       session id is also in the header {@code X-Claude-Code-Session-Id}.</li>
 *   <li>Headers: {@code x-api-key}, {@code anthropic-version: 2023-06-01}, {@code anthropic-beta: claude-code-20250219,
 *       interleaved-thinking-…,context-management-…,…}, {@code User-Agent: claude-cli/2.1.328 (external, sdk-cli)}
 *       ({@code sdk-py}/{@code sdk-ts} when {@code CLAUDE_CODE_ENTRYPOINT} says so), {@code x-app: cli}, the
 *       {@code X-Stainless-*} set, {@code Connection: keep-alive}.</li>
 * </ul>
 *
 * <h2>Side requests</h2>
 * The CLI does not label its requests. The binary knows many helper queries (session title, quota probe with
 * {@code max_tokens:1} and content {@code "quota"}, tool-use summaries, prompt suggestions, compaction, memory
 * extraction, …); none was sent in the scenarios above. Helper queries are built with no tools
 * ({@code toolFreeHelper}), and the quota probe has {@code max_tokens:1}, so {@link #isMainLoop()} says a request is a
 * main-loop request when it streams, offers tools and asks for more than one token. The exceptions are forked
 * queries that reuse the main loop's tools and system prompt (prompt suggestions, only when the host asks for them
 * in {@code initialize}); they cannot be told apart from the body's shape.
 */
public final class ModelRequest {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern TEAM_ROLE = Pattern.compile("You are the role \"([^\"]+)\"(?: in team \"([^\"]+)\")?");

    private static final Pattern REMINDER = Pattern.compile("(?s)<system-reminder>.*?</system-reminder>");

    /**
     * One {@code tool_result} block of a user message. {@code content} is its text as sent (text blocks joined with
     * newlines); the CLI appends {@code <system-reminder>} sections to it (inside the string for built-in tools, as an
     * extra text block for MCP tools), so use {@link #text()} to compare with what the tool returned.
     */
    public record ToolResult(String toolUseId, String content, boolean isError) {
        /** The content without {@code <system-reminder>} sections, trimmed: e.g. {@code "pong"}. */
        public String text() {
            return withoutReminders(content);
        }
    }

    /** One {@code tool_use} block of an assistant message. */
    public record ToolUse(String id, String name, JsonNode input) {}

    private final int seq;
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final JsonNode json;

    ModelRequest(int seq, String method, String path, Map<String, List<String>> headers, JsonNode json) {
        this.seq = seq;
        this.method = method;
        this.path = path;
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = Map.copyOf(h);
        this.json = json == null ? JSON.createObjectNode() : json;
    }

    /** A request made from a JSON body, e.g. for unit tests of scripts. */
    public static ModelRequest of(String jsonBody) {
        try {
            return new ModelRequest(0, "POST", "/v1/messages", Map.of(), JSON.readTree(jsonBody));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** 1-based number of this request among all requests the fake received (including count_tokens). */
    public int seq() {
        return seq;
    }

    public String method() {
        return method;
    }

    /** Path with query, e.g. {@code /v1/messages?beta=true}. */
    public String path() {
        return path;
    }

    /** A request header (case-insensitive name), if present. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The raw JSON body. */
    public JsonNode json() {
        return json;
    }

    public boolean isCountTokens() {
        return path.startsWith("/v1/messages/count_tokens");
    }

    public String model() {
        return json.path("model").asText("");
    }

    public boolean stream() {
        return json.path("stream").asBoolean(false);
    }

    public int maxTokens() {
        return json.path("max_tokens").asInt(0);
    }

    /**
     * Whether this is a request of the agent's main loop (see the class comment): a streamed {@code messages} call
     * that offers tools and asks for more than one token.
     */
    public boolean isMainLoop() {
        return !isCountTokens() && stream() && !toolNames().isEmpty() && maxTokens() > 1;
    }

    /** All system text blocks (or the system string), joined with newlines. */
    public String systemText() {
        JsonNode system = json.path("system");
        if (system.isTextual()) {
            return system.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode block : system) {
            if (block.has("text")) {
                parts.add(block.get("text").asText());
            }
        }
        return String.join("\n", parts);
    }

    /**
     * The role name from a system prompt line {@code You are the role "alice" in team "demo"} (as the coordinator
     * appends it), if any.
     */
    public Optional<String> teamRole() {
        Matcher m = TEAM_ROLE.matcher(systemText());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The team name from the same line, if any. */
    public Optional<String> teamName() {
        Matcher m = TEAM_ROLE.matcher(systemText());
        return m.find() ? Optional.ofNullable(m.group(2)) : Optional.empty();
    }

    /** All entries of {@code messages}, raw, including any {@code role:"system"} message. */
    public List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        json.path("messages").forEach(out::add);
        return out;
    }

    /** The {@code messages} with role user or assistant only (the conversation proper). */
    public List<JsonNode> conversation() {
        return messages().stream()
                .filter(m -> {
                    String role = m.path("role").asText();
                    return role.equals("user") || role.equals("assistant");
                })
                .toList();
    }

    /** The last message with role user, skipping trailing {@code role:"system"} messages. */
    public Optional<JsonNode> lastUserMessage() {
        List<JsonNode> all = messages();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).path("role").asText().equals("user")) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Text of the last user message: its text blocks (system-reminders included) and the content of its
     * tool_result blocks, joined with newlines. Empty when there is no user message. Message headers read without
     * their ids ({@code [from bob]}), as in {@link #containsText}.
     */
    public String lastUserText() {
        return lastUserMessage()
                .map(m -> ScriptedChannel.unframedAll(contentText(m.path("content"))))
                .orElse("");
    }

    /**
     * Like {@link #lastUserText()} but with the CLI's {@code <system-reminder>…</system-reminder>} sections removed
     * and blank parts dropped: roughly what the host or the tools said. (A message the host sends while tools run is
     * folded into a reminder by the CLI, so it is only in {@link #lastUserText()}.)
     */
    public String lastUserPrompt() {
        return withoutReminders(lastUserText());
    }

    /** Whether the last user message holds tool results, i.e. this request continues a tool round-trip. */
    public boolean isToolResultTurn() {
        return !lastToolResults().isEmpty();
    }

    /** All tool results of the conversation, by tool_use_id, in order. */
    public Map<String, ToolResult> toolResults() {
        Map<String, ToolResult> out = new LinkedHashMap<>();
        for (JsonNode m : conversation()) {
            collectToolResults(m, out);
        }
        return out;
    }

    /** The tool results of the last user message only (the answers to the previous reply's tool uses). */
    public Map<String, ToolResult> lastToolResults() {
        Map<String, ToolResult> out = new LinkedHashMap<>();
        lastUserMessage().ifPresent(m -> collectToolResults(m, out));
        return out;
    }

    /** All tool_use blocks the assistant made in the conversation, in order. */
    public List<ToolUse> toolUses() {
        List<ToolUse> out = new ArrayList<>();
        for (JsonNode m : conversation()) {
            for (JsonNode block : m.path("content")) {
                if (block.path("type").asText().equals("tool_use")) {
                    out.add(new ToolUse(
                            block.path("id").asText(), block.path("name").asText(), block.path("input")));
                }
            }
        }
        return out;
    }

    /** Names of the tools offered in {@code tools}. */
    public List<String> toolNames() {
        List<String> out = new ArrayList<>();
        for (JsonNode tool : json.path("tools")) {
            if (tool.has("name")) {
                out.add(tool.get("name").asText());
            }
        }
        return out;
    }

    /**
     * Whether {@code needle} occurs in the conversation: any text, tool_result content or tool_use input of any
     * message (system-role messages included), not the {@code system} prompt (see {@link #systemText()}).
     */
    /**
     * Whether any message holds {@code needle}. The coordinator's message headers carry the message id
     * ({@code [from bob · ID]}); they are matched as {@code [from bob]}, so a script need not know the ids.
     */
    public boolean containsText(String needle) {
        for (JsonNode m : messages()) {
            JsonNode content = m.path("content");
            if (ScriptedChannel.unframedAll(contentText(content)).contains(needle)) {
                return true;
            }
            for (JsonNode block : content) {
                if (block.has("input") && anyString(block.get("input"), needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The CLI's session id: from {@code metadata.user_id} (a JSON string holding {@code session_id}), else from the
     * {@code X-Claude-Code-Session-Id} header.
     */
    public Optional<String> sessionId() {
        JsonNode userId = json.path("metadata").path("user_id");
        if (userId.isTextual()) {
            try {
                JsonNode parsed = JSON.readTree(userId.asText());
                if (parsed != null && parsed.path("session_id").isTextual()) {
                    return Optional.of(parsed.get("session_id").asText());
                }
            } catch (JsonProcessingException ignored) {
                // older CLIs sent a plain string; fall through to the header
            }
        }
        return header("x-claude-code-session-id");
    }

    /** A one-line description for logs and failure messages. */
    public String summary() {
        String text = lastUserPrompt().replace('\n', ' ');
        if (text.length() > 120) {
            text = text.substring(0, 117) + "...";
        }
        return "#" + seq + " " + method + " " + path
                + (isCountTokens()
                        ? ""
                        : " model=" + model()
                                + (isMainLoop() ? " main-loop" : " side") + " messages="
                                + messages().size()
                                + teamRole().map(r -> " role=" + r).orElse("")
                                + " last-user=\"" + text + "\"");
    }

    @Override
    public String toString() {
        return summary();
    }

    private static void collectToolResults(JsonNode message, Map<String, ToolResult> out) {
        if (!message.path("role").asText().equals("user")) {
            return;
        }
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("tool_result")) {
                String id = block.path("tool_use_id").asText();
                out.put(
                        id,
                        new ToolResult(
                                id,
                                contentText(block.path("content")),
                                block.path("is_error").asBoolean(false)));
            }
        }
    }

    /** {@code text} without {@code <system-reminder>} sections, blank lines around them and outer whitespace. */
    static String withoutReminders(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : REMINDER.split(text)) {
            String p = part.strip();
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return String.join("\n", parts);
    }

    private static boolean anyString(JsonNode node, String needle) {
        if (node.isTextual()) {
            return node.asText().contains(needle);
        }
        for (JsonNode child : node) {
            if (anyString(child, needle)) {
                return true;
            }
        }
        return false;
    }

    /** Text of a content value (string or block list); tool_result blocks contribute their own content's text. */
    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            if (type.equals("text")) {
                parts.add(block.path("text").asText());
            } else if (type.equals("tool_result")) {
                parts.add(contentText(block.path("content")));
            }
        }
        return String.join("\n", parts);
    }
}
