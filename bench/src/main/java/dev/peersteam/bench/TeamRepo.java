package dev.peersteam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A scratch git repository with a team file, for runs of the real {@code peers-team up}. */
final class TeamRepo {
    private TeamRepo() {}

    /** One role of the team file: its name and its agent command. */
    record Role(String name, List<String> command) {}

    /** {@code git init} with one commit, and {@code team.yaml} naming {@code roles} (the first one leads). */
    static Path create(Path dir, Map<String, String> env, List<Role> roles) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        git(dir, env, "init", "-q", "-b", "main");
        Files.writeString(dir.resolve("README.md"), "# bench\n");
        git(dir, env, "add", "README.md");
        git(dir, env, "commit", "-q", "-m", "first");
        StringBuilder yaml = new StringBuilder("name: bench\ndefaults:\n  permission_mode: acceptEdits\n"
                + "  allowed_tools: [Write, Bash]\nroles:\n");
        for (int i = 0; i < roles.size(); i++) {
            Role role = roles.get(i);
            yaml.append("  ").append(role.name()).append(":\n");
            if (i == 0) {
                yaml.append("    lead: true\n");
            }
            yaml.append("    prompt: \"You are ").append(role.name()).append(".\"\n");
            yaml.append("    command: [");
            for (int j = 0; j < role.command().size(); j++) {
                yaml.append(j == 0 ? "" : ", ").append(quote(role.command().get(j)));
            }
            yaml.append("]\n");
        }
        Files.writeString(dir.resolve("team.yaml"), yaml);
        return dir;
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void git(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + output);
        }
    }
}
