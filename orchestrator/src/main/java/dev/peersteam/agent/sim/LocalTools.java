package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.peersteam.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The built-in tools a script can use, really executed: {@code Bash} runs {@code bash -c} in the cwd with the
 * agent's environment; {@code Write} writes a file. Their results have the real tools' shapes.
 */
final class LocalTools {
    private final Path cwd;
    private final Map<String, String> env;

    LocalTools(Path cwd, Map<String, String> env) {
        this.cwd = cwd;
        this.env = env;
    }

    /** Runs the command; an abort of the turn kills it (and its children) and ends the wait at once. */
    ToolOutcome bash(JsonNode input, Waiter waiter) throws TurnAborted {
        String command = input.path("command").asText("");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(cwd.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
            process.getOutputStream().close(); // no stdin: a command that reads it sees EOF instead of hanging
        } catch (IOException e) {
            return ToolOutcome.error(TextNode.valueOf("Error: " + e.getMessage()), "Error: " + e.getMessage());
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        String out;
        String err;
        try {
            waiter.await(process.onExit());
            out = stripEnd(waiter.await(stdout)); // a background child may hold the pipe open: still abortable
            err = stripEnd(waiter.await(stderr));
        } catch (TurnAborted aborted) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw aborted;
        }
        int exitCode = process.exitValue();
        String both = out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
        if (exitCode != 0) {
            String text = "Exit code " + exitCode + (both.isEmpty() ? "" : "\n" + both);
            return ToolOutcome.error(TextNode.valueOf(text), "Error: " + text);
        }
        ObjectNode result = Json.object();
        result.put("stdout", out);
        result.put("stderr", err);
        result.put("interrupted", false);
        result.put("isImage", false);
        result.put("noOutputExpected", false);
        return ToolOutcome.ok(TextNode.valueOf(both), result);
    }

    ToolOutcome write(JsonNode input) {
        Path path = Path.of(input.path("file_path").asText());
        String content = input.path("content").asText("");
        try {
            String original = Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, content, StandardCharsets.UTF_8);
            ObjectNode result = Json.object();
            result.put("type", original == null ? "create" : "update");
            result.put("filePath", path.toString());
            result.put("content", content);
            result.putArray("structuredPatch");
            result.set("originalFile", original == null ? NullNode.getInstance() : TextNode.valueOf(original));
            String text = original == null
                    ? "File created successfully at: " + path
                    : "The file " + path + " has been updated successfully.";
            return ToolOutcome.ok(TextNode.valueOf(text), result);
        } catch (IOException | UncheckedIOException e) {
            String text = "<tool_use_error>Error writing " + path + ": " + e.getMessage() + "</tool_use_error>";
            return ToolOutcome.error(TextNode.valueOf(text), "Error: " + e.getMessage());
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().name("sim-bash-output").start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete(""); // the process was killed
            }
        });
        return text;
    }

    private static String stripEnd(String text) {
        return text.stripTrailing();
    }
}
