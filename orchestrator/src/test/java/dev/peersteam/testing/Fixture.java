package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A recorded conversation between a host and the real CLI 2.1.328 (see src/test/resources/fixtures). */
public record Fixture(String name, List<String> argv, List<Line> lines) {

    /** {@code dir} is ">" (host to CLI) or "<" (CLI to host). */
    public record Line(String dir, double t, JsonNode msg) {
        public boolean fromCli() {
            return dir.equals("<");
        }

        public String type() {
            return msg.path("type").asText();
        }
    }

    public static Fixture load(String name) {
        String path = "/fixtures/claude-code-2.1.328/" + name + ".jsonl";
        try (InputStream in = Fixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            List<String> argv = new ArrayList<>();
            List<Line> lines = new ArrayList<>();
            for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node = Json.MAPPER.readTree(text);
                if (node.path("dir").asText().equals("cmd")) {
                    node.path("msg").forEach(arg -> argv.add(arg.asText()));
                } else {
                    lines.add(new Line(node.path("dir").asText(), node.path("t").asDouble(), node.path("msg")));
                }
            }
            return new Fixture(name, List.copyOf(argv), List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> all() {
        return List.of(
                "bash_allow",
                "bash_allow_noinput",
                "bash_always",
                "bash_deny",
                "bash_deny_interrupt",
                "bash_error",
                "bash_noprompt",
                "bash_rewrite",
                "cancel",
                "early_close",
                "fold",
                "hooks",
                "interrupt",
                "mcp_errors",
                "mcp_init_fail",
                "mcp_no_toolsearch",
                "mcp_perm",
                "mcp_sdk",
                "mcp_sdk_alwaysload",
                "mcp_sdk_ts_style",
                "misc_controls",
                "no_init",
                "overloaded_retry",
                "partial",
                "queue",
                "rate_limit_exhausted",
                "rate_limit_retry",
                "rate_limit_warning",
                "replay",
                "resume",
                "resume_bad",
                "resume_fork",
                "session_id",
                "set_model",
                "two_turn");
    }

    public List<JsonNode> fromCli() {
        return lines.stream().filter(Line::fromCli).map(Line::msg).toList();
    }

    public List<JsonNode> toCli() {
        return lines.stream().filter(l -> !l.fromCli()).map(Line::msg).toList();
    }
}
