package dev.peersteam.team;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Team files as someone who wants to hurt the person running them would write them: paths out of the repository
 * (written, or through links), FIFOs and devices that would hang or flood the reader, YAML bombs, bytes that are not
 * text, names that pass for the coordinator, and files that the file alone cannot show to be wrong (a missing base,
 * a missing program, a broken behaviour script). Each must be refused by validate and by up alike, before anything
 * is created.
 */
final class HostileTeamFiles {
    private HostileTeamFiles() {}

    private static final String QA = "roles:\n  qa:\n";

    static Stream<BadFile> all() {
        return Stream.of(pathEscapes(), notRegularFiles(), yamlLimits(), notText(), reservedNames(), startChecks())
                .flatMap(s -> s);
    }

    static Stream<BadFile> pathEscapes() {
        return Stream.of(
                new BadFile(
                        "prompt_file: an absolute path out of the repository",
                        QA + "    prompt_file: /etc/passwd\n",
                        "3:18",
                        "prompt file '/etc/passwd' is outside the repository",
                        "keep the prompt file inside the repository"),
                new BadFile(
                        "prompt_file: ../ out of the repository",
                        QA + "    prompt_file: ../../../../../../../../etc/passwd\n",
                        "3:18",
                        "prompt file '../../../../../../../../etc/passwd' is outside the repository",
                        "keep the prompt file inside the repository"),
                new BadFile(
                                "prompt_file: a link inside the repository to a file out of it",
                                QA + "    prompt_file: roles/qa.md\n",
                                "3:18",
                                "prompt file 'roles/qa.md' leads outside the repository",
                                "copy it in rather than linking to it")
                        .given((repo, outside) -> link(repo.resolve("roles/qa.md"), outside.resolve("secret.txt"))),
                new BadFile(
                                "prompt_file: a linked folder inside the repository that leads out of it",
                                QA + "    prompt_file: roles/secret.txt\n",
                                "3:18",
                                "prompt file 'roles/secret.txt' leads outside the repository",
                                "copy it in rather than linking to it")
                        .given((repo, outside) -> link(repo.resolve("roles"), outside)),
                new BadFile(
                        "agent_file: an absolute path out of the repository",
                        QA + "    agent_file: /etc/passwd\n",
                        "3:17",
                        "agent file '/etc/passwd' is outside the repository",
                        "keep the agent file inside the repository"),
                new BadFile(
                        "agent_file: ../ out of the repository",
                        QA + "    agent_file: ../outside/secret.txt\n",
                        "3:17",
                        "agent file '../outside/secret.txt' is outside the repository",
                        "keep the agent file inside the repository"),
                new BadFile(
                                "agent_file: a link to a file out of the repository",
                                QA + "    agent_file: .claude/agents/qa.md\n",
                                "3:17",
                                "agent file '.claude/agents/qa.md' leads outside the repository",
                                "copy it in")
                        .given((repo, outside) ->
                                link(repo.resolve(".claude/agents/qa.md"), outside.resolve("secret.txt"))),
                new BadFile(
                        "sim_script: out of the repository",
                        QA + "    agent: sim\n    sim_script: ../outside/sim.yaml\n",
                        "4:17",
                        "sim_script '../outside/sim.yaml' is outside the repository",
                        "keep the sim_script inside the repository"),
                new BadFile(
                                "sim_script: a link out of the repository",
                                QA + "    agent: sim\n    sim_script: sim.yaml\n",
                                "4:17",
                                "sim_script 'sim.yaml' leads outside the repository",
                                "copy it in")
                        .given((repo, outside) -> link(repo.resolve("sim.yaml"), outside.resolve("sim.yaml"))),
                new BadFile(
                        "worktrees: ../ out of the repository",
                        "worktrees: ../outside/trees\n" + QA,
                        "1:12",
                        "outside/trees is outside the repository",
                        "use a directory inside the repository"),
                new BadFile(
                        "worktrees: an absolute path out of the repository",
                        "worktrees: {outside}/trees\n" + QA,
                        "1:12",
                        "outside/trees is outside the repository",
                        "use a directory inside the repository"),
                new BadFile(
                                "worktrees: a link inside the repository to a folder out of it",
                                "worktrees: trees\n" + QA,
                                "1:12",
                                "leads outside the repository",
                                "use a directory inside the repository")
                        .given((repo, outside) -> link(repo.resolve("trees"), outside)),
                new BadFile(
                                "worktrees: a link to a folder out of the repository that does not exist yet",
                                "worktrees: trees\n" + QA,
                                "1:12",
                                "leads outside the repository",
                                "use a directory inside the repository")
                        .given((repo, outside) -> link(repo.resolve("trees"), outside.resolve("not-yet"))),
                new BadFile(
                                "worktrees: the default folder is a link out of the repository",
                                QA,
                                "0:0",
                                "leads outside the repository",
                                "remove the link, or set 'worktrees:'")
                        .given((repo, outside) -> link(repo.resolve("worktrees"), outside)),
                new BadFile(
                                "copy: a link inside the repository to a file out of it",
                                "copy: [.env]\n" + QA,
                                "1:8",
                                "copy path '.env' leads outside the repository",
                                "copy only files that are in the repository")
                        .given((repo, outside) -> link(repo.resolve(".env"), outside.resolve("secret.txt"))),
                new BadFile(
                                "copy: a folder that holds a link out of the repository",
                                "copy: [config]\n" + QA,
                                "1:8",
                                "copy path 'config' holds the link ",
                                "copy only files that are in the repository")
                        .given((repo, outside) -> {
                            write(repo.resolve("config/local.properties"), "a=b\n");
                            link(repo.resolve("config/deep/keys"), outside.resolve("secret.txt"));
                        }),
                new BadFile(
                                "shared: a linked folder that leads out of the repository",
                                "shared:\n  - {path: api/openapi.yaml, owners: [qa]}\n" + QA,
                                "2:12",
                                "shared path 'api/openapi.yaml' leads outside the repository",
                                "not a link out of it")
                        .given((repo, outside) -> link(repo.resolve("api"), outside)),
                new BadFile(
                        "repo: the folder above the repository",
                        "repo: ..\n" + QA,
                        "1:7",
                        "is outside the repository",
                        "keep the team file in the repository the team works on"),
                new BadFile(
                        "repo: another repository, by an absolute path",
                        "repo: {outside}\n" + QA,
                        "1:7",
                        "is outside the repository",
                        "keep the team file in the repository the team works on"),
                new BadFile(
                                "repo: a link inside the repository to a folder out of it",
                                "repo: elsewhere\n" + QA,
                                "1:7",
                                "leads outside the repository",
                                "keep the team file in the repository the team works on")
                        .given((repo, outside) -> link(repo.resolve("elsewhere"), outside)),
                new BadFile(
                        "repo: the .git folder",
                        "repo: .git\n" + QA,
                        "1:7",
                        "is inside a git directory, not a work tree",
                        "point 'repo:' at your project's checkout"));
    }

    static Stream<BadFile> notRegularFiles() {
        return Stream.of(
                new BadFile(
                                "the team file is a FIFO (it would block the reader forever)",
                                null,
                                "0:0",
                                "team file is a FIFO (named pipe), not a regular file; it was not opened",
                                "a regular file")
                        .given((repo, outside) -> fifo(repo.resolve("team.yaml"))),
                new BadFile(
                                "the team file is /dev/zero (it never ends)",
                                null,
                                "0:0",
                                "team file is a character device, not a regular file; it was not opened",
                                "a regular file")
                        .teamFileAt(repo -> Path.of("/dev/zero")),
                new BadFile(
                                "the team file is a link to /dev/zero",
                                null,
                                "0:0",
                                "team file is a character device, not a regular file",
                                "a regular file")
                        .given((repo, outside) -> link(repo.resolve("team.yaml"), Path.of("/dev/zero"))),
                new BadFile(
                                "the team file is a directory",
                                null,
                                "0:0",
                                "is a directory, not a team file",
                                "name the team file itself")
                        .given((repo, outside) -> Files.createDirectories(repo.resolve("team.yaml"))),
                new BadFile("the team file does not exist", null, "0:0", "team file not found", "check the path")
                        .teamFileAt(repo -> repo.resolve("absent.yaml")),
                new BadFile(
                                "the team file is 5 MiB",
                                null,
                                "0:0",
                                "team file is too large: 5.0 MiB (at most 256 KiB); it was not read",
                                "prompt_file")
                        .given((repo, outside) -> Files.writeString(
                                repo.resolve("team.yaml"), QA + "# " + "x".repeat(5 * 1024 * 1024 - 20) + "\n")),
                new BadFile(
                                "prompt_file: a FIFO",
                                QA + "    prompt_file: roles/qa.md\n",
                                "3:18",
                                "is a FIFO (named pipe), not a regular file",
                                "name a regular file")
                        .given((repo, outside) -> fifo(repo.resolve("roles/qa.md"))),
                new BadFile(
                                "prompt_file: a directory",
                                QA + "    prompt_file: roles\n",
                                "3:18",
                                "is a directory, not a regular file",
                                "name a regular file")
                        .given((repo, outside) -> Files.createDirectories(repo.resolve("roles"))),
                new BadFile(
                                "prompt_file: 2 MiB",
                                QA + "    prompt_file: roles/qa.md\n",
                                "3:18",
                                "is too large: 2 MiB (at most 1 MiB)",
                                "shorten it")
                        .given((repo, outside) -> write(repo.resolve("roles/qa.md"), "x".repeat(2 * 1024 * 1024))),
                new BadFile(
                                "agent_file: a FIFO",
                                QA + "    agent_file: .claude/agents/qa.md\n",
                                "3:17",
                                "is a FIFO (named pipe), not a regular file",
                                "name a regular file")
                        .given((repo, outside) -> fifo(repo.resolve(".claude/agents/qa.md"))),
                new BadFile(
                                "sim_script: a FIFO",
                                QA + "    agent: sim\n    sim_script: sim.yaml\n",
                                "4:17",
                                "is a FIFO (named pipe), not a regular file",
                                "name a regular file")
                        .given((repo, outside) -> fifo(repo.resolve("sim.yaml"))),
                new BadFile(
                        "sim_script: a file that does not exist",
                        QA + "    agent: sim\n    sim_script: nope.yaml\n",
                        "4:17",
                        "sim_script not found: ",
                        "behaviour script"),
                new BadFile(
                        "copy: a file that does not exist",
                        "copy: [.env]\n" + QA,
                        "1:8",
                        "copy path '.env' does not exist",
                        "create it"),
                new BadFile(
                        "worktrees: a file", "worktrees: README.md\n" + QA, "1:12", "is a file", "name a directory"));
    }

    static Stream<BadFile> yamlLimits() {
        StringBuilder laughs = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            laughs.append(level)
                    .append(": &")
                    .append(level)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous)))
                    .append("]\n");
        }
        laughs.append(QA);
        return Stream.of(
                new BadFile(
                        "a billion laughs: nested aliases that multiply",
                        laughs.toString(),
                        "7:28",
                        "more than 50 aliases of lists or mappings (this is one too many)",
                        "write the values out"),
                new BadFile(
                        "an alias inside the mapping it names",
                        "defaults: &d {model: sonnet, again: *d}\n" + QA,
                        "1:37",
                        "alias '*d' stands inside the list or mapping '&d' it names",
                        "write the value out"),
                new BadFile(
                        "an alias of an anchor that is not defined",
                        "defaults:\n  allowed_tools: *tools\n" + QA,
                        "2:18",
                        "found undefined alias tools",
                        "define the anchor"),
                new BadFile(
                        "lists nested 60 deep (flow style)",
                        "goal: " + "[".repeat(60) + "]".repeat(60) + "\n" + QA,
                        "1:56",
                        "lists and mappings are nested more than 50 levels deep here",
                        "flatten the file"),
                new BadFile(
                        "mappings nested 60 deep (block style)",
                        "defaults:\n" + nestedBlock(60) + QA,
                        "51:101",
                        "lists and mappings are nested more than 50 levels deep here",
                        "flatten the file"),
                new BadFile(
                        "roles as a huge flow of unclosed lists",
                        "roles: " + "[".repeat(100_000) + "\n",
                        "1:57",
                        "nested more than 50 levels deep",
                        "flatten the file"));
    }

    static Stream<BadFile> notText() {
        return Stream.of(
                new BadFile(
                                "Latin-1 bytes instead of UTF-8",
                                null,
                                "3:16",
                                "byte 0xE9 (byte 28 of the file) is not UTF-8 (the file looks like Latin-1",
                                "save the file as UTF-8")
                        .given((repo, outside) -> Files.write(
                                repo.resolve("team.yaml"),
                                bytes("roles:\n  qa:\n    prompt: caf", new byte[] {(byte) 0xE9}, "\n"))),
                new BadFile("UTF-16 text", null, "1:1", "the file is UTF-16 text", "save the file as UTF-8")
                        .given((repo, outside) -> Files.write(
                                repo.resolve("team.yaml"), ("\uFEFF" + QA).getBytes(StandardCharsets.UTF_16LE))),
                new BadFile(
                        "a NUL byte",
                        "name: te\0am\n" + QA,
                        "1:9",
                        "the control character U+0000 (NULL) is not allowed",
                        "delete it"),
                new BadFile(
                        "an ESC sequence that would clear the screen",
                        "goal: hello \u001b[2J\n" + QA,
                        "1:13",
                        "the control character U+001B (ESCAPE) is not allowed",
                        "control characters could change what a terminal shows"),
                new BadFile(
                        "a control character written as an escape in a quoted value",
                        "goal: \"fine\\e]52;c;cHduZWQ=\\a\"\n" + QA,
                        "1:7",
                        "this value holds the control character U+001B (ESCAPE), written as an escape",
                        "delete it"),
                new BadFile(
                        "a NUL written as an escape (it would cut a command line short)",
                        QA + "    model: \"sonnet\\0--dangerously-skip-permissions\"\n",
                        "3:12",
                        "this value holds the control character U+0000 (NULL), written as an escape",
                        "cut a command line short"),
                new BadFile(
                        "a bidi override that shows text in another order than it is read",
                        QA + "    prompt: \"Review \u202Eevil\u202C code\"\n",
                        "3:21",
                        "the bidi control U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed",
                        "right-to-left text needs no override characters"),
                new BadFile(
                                "a NUL in a prompt file, reported in the prompt file",
                                QA + "    prompt_file: roles/qa.md\n",
                                "2:6",
                                "the control character U+0000 (NULL) is not allowed (prompt file of role 'qa', named at",
                                "delete it")
                        .given((repo, outside) -> write(repo.resolve("roles/qa.md"), "# QA\nTest \0it.\n"))
                        .reportedIn("roles/qa.md"),
                new BadFile(
                                "an agent file that is not UTF-8, reported in the agent file",
                                QA + "    agent_file: .claude/agents/qa.md\n",
                                "4:3",
                                "byte 0xFF (byte 19 of the file) is not UTF-8",
                                "save the file as UTF-8")
                        .given((repo, outside) -> {
                            Files.createDirectories(repo.resolve(".claude/agents"));
                            Files.write(
                                    repo.resolve(".claude/agents/qa.md"),
                                    bytes("---\nname: qa\n---\nTe", new byte[] {(byte) 0xFF}, "st.\n"));
                        })
                        .reportedIn(".claude/agents/qa.md"),
                new BadFile(
                                "a billion laughs in an agent file's front matter",
                                QA + "    agent_file: .claude/agents/qa.md\n",
                                "8:29",
                                "more than 50 aliases of lists or mappings",
                                "write the values out")
                        .given((repo, outside) -> {
                            StringBuilder front = new StringBuilder("---\n");
                            front.append("x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                            for (char level = 'b'; level <= 'i'; level++) {
                                front.append("x")
                                        .append(level)
                                        .append(": &")
                                        .append(level)
                                        .append(" [");
                                front.append(
                                        String.join(", ", java.util.Collections.nCopies(9, "*" + (char) (level - 1))));
                                front.append("]\n");
                            }
                            front.append("---\nYou test.\n");
                            write(repo.resolve(".claude/agents/qa.md"), front.toString());
                        })
                        .reportedIn(".claude/agents/qa.md"));
    }

    static Stream<BadFile> reservedNames() {
        return Stream.of("board", "watch", "shared", "overlap", "you")
                .map(name -> new BadFile(
                        "reserved role name '" + name + "'",
                        "roles:\n  manager:\n  " + name + ":\n",
                        "3:3",
                        "role name '" + name + "' is reserved: ",
                        "choose another name"));
    }

    static Stream<BadFile> startChecks() {
        return Stream.of(
                new BadFile(
                        "agent: sim without a behaviour script",
                        QA + "    agent: sim\n",
                        "3:12",
                        "role 'qa' runs the simulated agent ('agent: sim') but names no behaviour script for it",
                        "add 'sim_script: FILE'"),
                new BadFile(
                        "agent: sim in defaults, without a behaviour script, for two roles",
                        "defaults: {agent: sim}\nroles:\n  a:\n  b:\n",
                        "1:19",
                        "roles 'a', 'b' run the simulated agent ('agent: sim') but name no behaviour script for it",
                        "add 'sim_script: FILE'"),
                new BadFile(
                                "a behaviour script with an unknown step, reported in the script",
                                QA + "    agent: sim\n    sim_script: sim.yaml\n",
                                "5:14",
                                "not a valid behaviour script: unknown step 'writ'",
                                "correct the script")
                        .given((repo, outside) -> write(repo.resolve("sim.yaml"), """
                                roles:
                                  qa:
                                    rules:
                                      - on: message
                                        do: [{writ: x}]
                                """))
                        .reportedIn("sim.yaml"),
                new BadFile(
                                "a behaviour script that is not YAML, reported in the script",
                                QA + "    agent: sim\n    sim_script: sim.yaml\n",
                                "2:1",
                                "not a valid behaviour script: YAML syntax error",
                                "correct the script")
                        .given((repo, outside) -> write(repo.resolve("sim.yaml"), "roles: {qa: [\n"))
                        .reportedIn("sim.yaml"),
                new BadFile(
                                "a behaviour script that is a billion laughs",
                                QA + "    agent: sim\n    sim_script: sim.yaml\n",
                                "7:28",
                                "more than 50 aliases",
                                "correct the script")
                        .given((repo, outside) -> write(
                                repo.resolve("sim.yaml"),
                                yamlLimits().findFirst().orElseThrow().yaml().replace(QA, "")))
                        .reportedIn("sim.yaml"),
                new BadFile(
                        "base that does not exist",
                        "base: release-9\n" + QA,
                        "1:7",
                        "base 'release-9' names no branch, tag or commit of ",
                        "set 'base:' to one of its branches (main)"),
                new BadFile(
                        "base that looks like an option",
                        "base: --orphan\n" + QA,
                        "1:7",
                        "base '--orphan' names no branch, tag or commit",
                        "set 'base:' to one of its branches"),
                new BadFile(
                        "an agent program that is not on PATH",
                        QA + "    command: no-such-agent-program\n",
                        "3:14",
                        "role 'qa': cannot find the agent program 'no-such-agent-program' on PATH",
                        "install Claude Code"),
                new BadFile(
                        "an agent program that does not exist",
                        QA + "    command: [/nonexistent/claude, --verbose]\n",
                        "3:14",
                        "role 'qa': the agent program /nonexistent/claude does not exist",
                        "'command:'"),
                new BadFile(
                        "an agent program that is a directory",
                        QA + "    command: [{outside}]\n",
                        "3:14",
                        "is not an executable file",
                        "'command:'"),
                new BadFile(
                                "an agent program that is not executable",
                                QA + "    command: [./agent.sh]\n",
                                "3:14",
                                "the agent program ./agent.sh is not an executable file",
                                "'command:'")
                        .given((repo, outside) -> write(repo.resolve("agent.sh"), "#!/bin/sh\n")),
                new BadFile(
                        "one missing program in defaults, for two roles: one problem at its line",
                        "defaults:\n  command: no-such-agent-program\nroles:\n  a:\n  b:\n",
                        "2:12",
                        "roles 'a', 'b': cannot find the agent program 'no-such-agent-program' on PATH",
                        "install Claude Code"),
                new BadFile(
                                "PEERS_TEAM_CLAUDE names a program that does not exist",
                                "roles:\n  a:\n  b:\n",
                                "2:3",
                                "roles 'a', 'b': the agent program /nonexistent/claude (from $PEERS_TEAM_CLAUDE) does"
                                        + " not exist",
                                "PEERS_TEAM_CLAUDE")
                        .withEnvironment("PEERS_TEAM_CLAUDE", "/nonexistent/claude"),
                new BadFile(
                                "claude is on no PATH",
                                QA,
                                "2:3",
                                "role 'qa': cannot find the agent program 'claude' on PATH",
                                "npm install -g @anthropic-ai/claude-code")
                        .withEnvironment("PEERS_TEAM_CLAUDE", ""),
                new BadFile(
                                "codex is on no PATH for an 'agent: codex' role",
                                QA + "    agent: codex\n",
                                "2:3",
                                "role 'qa': cannot find the agent program 'codex' on PATH",
                                "npm install -g @openai/codex")
                        .withEnvironment("PEERS_TEAM_CODEX", ""),
                new BadFile(
                                "a prompt too long for a command line",
                                QA + "    prompt_file: roles/qa.md\n",
                                "3:18",
                                "role 'qa': its command line cannot be started: the value of --append-system-prompt is",
                                "shorten the role's prompt")
                        .given((repo, outside) -> write(repo.resolve("roles/qa.md"), "x".repeat(200 * 1024))),
                new BadFile(
                                "a folder that is no git repository",
                                QA,
                                "0:0",
                                "is not in a git repository (no line to point at: 'repo:' is not set",
                                "run 'git init' there")
                        .given((repo, outside) -> deleteGit(repo)),
                new BadFile(
                                "a repository without commits",
                                QA,
                                "0:0",
                                "has no commits yet",
                                "make a first commit there")
                        .given((repo, outside) -> {
                            deleteGit(repo);
                            git(repo, "init", "-q", "-b", "main");
                        }),
                new BadFile(
                                "repo: a folder of the repository that is no git repository of its own, outside git",
                                "repo: app\n" + QA,
                                "1:7",
                                "is not in a git repository",
                                "run 'git init' there")
                        .given((repo, outside) -> {
                            deleteGit(repo);
                            Files.createDirectories(repo.resolve("app"));
                        }));
    }

    /** {@code depth} mappings, each one key below the one before. */
    private static String nestedBlock(int depth) {
        StringBuilder text = new StringBuilder();
        for (int level = 1; level <= depth; level++) {
            text.append("  ".repeat(level)).append("k").append(level).append(":\n");
        }
        return text.toString();
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] start = before.getBytes(StandardCharsets.UTF_8);
        byte[] end = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + middle.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(middle, 0, all, start.length, middle.length);
        System.arraycopy(end, 0, all, start.length + middle.length, end.length);
        return all;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }

    static void fifo(Path path) throws IOException, InterruptedException {
        Files.createDirectories(path.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString())
                .redirectErrorStream(true)
                .start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed: "
                    + new String(mkfifo.getInputStream().readAllBytes()));
        }
    }

    private static void deleteGit(Path repo) throws IOException {
        try (Stream<Path> walk = Files.walk(repo.resolve(".git"))) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        dev.peersteam.testing.TestRepos.git(dir, args);
    }
}
