package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peersteam.cli.ExitCodes;
import dev.peersteam.cli.Main;
import dev.peersteam.runtime.Preflight;
import dev.peersteam.testing.TestRepos;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad team files: each is reported with the right message, at the right line and column, with a fix, by validate and
 * up alike, and up creates nothing for any of them. The corpus is the mistakes people make ({@link #badFiles}) and
 * the files an attacker would write ({@link HostileTeamFiles}).
 */
class BadTeamFilesTest {
    @TempDir
    Path dir;

    static Stream<BadFile> badFiles() {
        return Stream.of(
                new BadFile(
                        "YAML syntax error: unclosed flow mapping",
                        """
                        roles:
                          qa: {prompt: "x"
                        """,
                        "3:1",
                        "YAML syntax error",
                        "indentation and quoting"),
                new BadFile(
                        "YAML syntax error: tab indentation",
                        "roles:\n\tqa: {}\n",
                        "2:1",
                        "YAML syntax error",
                        "indent with spaces"),
                new BadFile(
                        "YAML syntax error: unquoted ': ' inside a value",
                        """
                        goal: fix: the bug
                        roles:
                          qa:
                        """,
                        "1:10",
                        "mapping values are not allowed",
                        "quotes"),
                new BadFile("more than one YAML document", """
                        roles: {qa: {}}
                        ---
                        roles: {qa: {}}
                        """, "2:1", "single document", "remove the extra '---'"),
                new BadFile("empty file", "# only a comment\n", "1:1", "the team file is empty", "roles:"),
                new BadFile(
                        "root is a list, not a mapping",
                        """
                        - qa
                        - backend
                        """,
                        "1:1",
                        "the team file must be a mapping of keys to values, not a list",
                        "'roles:'"),
                new BadFile(
                        "unknown top-level key, with the closest key suggested",
                        """
                        rolse:
                          qa:
                        roles:
                          qa:
                        """,
                        "1:1",
                        "unknown key 'rolse' in the team file",
                        "did you mean 'roles'?"),
                new BadFile(
                        "unknown role key, with the closest key suggested and the allowed keys listed",
                        """
                        roles:
                          qa:
                            alowed_tools: [Read]
                        """,
                        "3:5",
                        "unknown key 'alowed_tools' in role 'qa'",
                        "did you mean 'allowed_tools'? allowed keys: lead, prompt, prompt_file, agent_file, description, watches,"
                                + " agent, model"),
                new BadFile(
                        "camelCase key finds its snake_case spelling",
                        """
                        defaults:
                          permissionMode: plan
                        roles:
                          qa:
                        """,
                        "2:3",
                        "unknown key 'permissionMode' in 'defaults'",
                        "did you mean 'permission_mode'?"),
                new BadFile(
                        "role-only key in defaults",
                        """
                        defaults:
                          lead: true
                        roles:
                          qa:
                        """,
                        "2:3",
                        "unknown key 'lead' in 'defaults'",
                        "set it on the role itself"),
                new BadFile(
                        "role setting at the top level",
                        """
                        model: sonnet
                        roles:
                          qa:
                        """,
                        "1:1",
                        "unknown key 'model' in the team file",
                        "put it under 'defaults:'"),
                new BadFile(
                        "team setting inside a role",
                        """
                        roles:
                          qa:
                            goal: test it
                        """,
                        "3:5",
                        "unknown key 'goal' in role 'qa'",
                        "move it to the top level"),
                new BadFile(
                        "duplicate top-level key",
                        """
                        name: a
                        roles:
                          qa:
                        name: b
                        """,
                        "4:1",
                        "duplicate key 'name' in the team file (first at line 1)",
                        "delete the other"),
                new BadFile("duplicate role name", """
                        roles:
                          qa:
                            model: sonnet
                          qa:
                            model: opus
                        """, "4:3", "duplicate key 'qa' in 'roles'", "keep one"),
                new BadFile(
                        "allowed_tools is not a list",
                        """
                        roles:
                          qa:
                            allowed_tools: Read
                        """,
                        "3:20",
                        "'allowed_tools' must be a list of strings, not the text 'Read'",
                        "allowed_tools: [first, second]"),
                new BadFile(
                        "allowed_tools entry that is not a tool rule",
                        """
                        roles:
                          qa:
                            allowed_tools: [Read, "Bash(npm test"]
                        """,
                        "3:27",
                        "allowed_tools entry 'Bash(npm test' is not a tool rule",
                        "Bash(npm test:*)"),
                new BadFile(
                        "role name with capitals",
                        """
                        roles:
                          Backend:
                        """,
                        "2:3",
                        "role name 'Backend' is not valid: role names become directory and branch names",
                        "e.g. 'backend'"),
                new BadFile(
                        "role name longer than 32 characters",
                        """
                        roles:
                          a-very-long-role-name-that-goes-on:
                        """,
                        "2:3",
                        "must match [a-z][a-z0-9-]{0,31}",
                        "up to 32"),
                new BadFile(
                        "role name starting with a digit",
                        """
                        roles:
                          2nd:
                        """,
                        "2:3",
                        "role name '2nd' is not valid",
                        "starting with a letter"),
                new BadFile(
                        "reserved role name 'all'", """
                        roles:
                          manager:
                          all:
                        """, "3:3", "role name 'all' is reserved", "choose another name"),
                new BadFile(
                        "reserved role name 'human'",
                        """
                        roles:
                          human: {}
                        """,
                        "2:3",
                        "role name 'human' is reserved",
                        "choose another name"),
                new BadFile("no roles key at all", """
                        name: lonely
                        """, "1:1", "the team has no roles", "add a 'roles:' mapping"),
                new BadFile("empty roles", """
                        name: lonely
                        roles:
                        """, "2:1", "'roles' is empty", "add at least one role"),
                new BadFile(
                        "roles written as a list",
                        """
                        roles:
                          - manager
                          - qa
                        """,
                        "2:3",
                        "'roles' must be a mapping of keys to values, not a list",
                        "not as a '- list'"),
                new BadFile(
                        "role written as a plain string",
                        """
                        roles:
                          qa: You test things.
                        """,
                        "2:7",
                        "role 'qa' must be a mapping of keys to values, not the text",
                        "indent"),
                new BadFile(
                        "both prompt and prompt_file",
                        """
                        roles:
                          qa:
                            prompt: Test.
                            prompt_file: roles/qa.md
                        """,
                        "4:5",
                        "role 'qa' has both 'prompt' and 'prompt_file'",
                        "keep one of them"),
                new BadFile("missing prompt file", """
                        roles:
                          qa:
                            prompt_file: prompts/missing.md
                        """, "3:18", "prompt file not found: ", "create the file"),
                new BadFile(
                        "two leads, both named",
                        """
                        roles:
                          manager:
                            lead: true
                          backend:
                          qa:
                            lead: true
                        """,
                        "6:11",
                        "more than one role has 'lead: true': 'manager' (line 3), 'qa' (line 6)",
                        "exactly one role"),
                new BadFile(
                        "lead that is not a boolean",
                        """
                        roles:
                          qa:
                            lead: maybe
                        """,
                        "3:11",
                        "'lead' must be true or false, not the text 'maybe'",
                        "lead: true"),
                new BadFile(
                        "bad permission_mode, with the valid ones listed",
                        """
                        defaults:
                          permission_mode: yolo
                        roles:
                          qa:
                        """,
                        "2:20",
                        "unknown permission_mode 'yolo'",
                        "default, acceptEdits, plan, dontAsk, auto, bypassPermissions"),
                new BadFile(
                        "permission_mode in the wrong case",
                        """
                        roles:
                          qa:
                            permission_mode: acceptedits
                        """,
                        "3:22",
                        "unknown permission_mode 'acceptedits'",
                        "did you mean 'acceptEdits'?"),
                new BadFile("unknown agent kind", """
                        roles:
                          qa:
                            agent: gpt
                        """, "3:12", "unknown agent 'gpt'", "use one of: claude"),
                new BadFile(
                        "zero role budget",
                        """
                        roles:
                          qa:
                            budget_usd: 0
                        """,
                        "3:17",
                        "'budget_usd' must be greater than zero, not 0",
                        "positive amount"),
                new BadFile(
                        "negative team budget",
                        """
                        budget_usd: -5
                        roles:
                          qa:
                        """,
                        "1:13",
                        "'budget_usd' must be greater than zero, not -5",
                        "positive amount"),
                new BadFile(
                        "negative hourly budget",
                        """
                        budget_usd_per_hour: -2
                        roles:
                          qa:
                        """,
                        "1:22",
                        "'budget_usd_per_hour' must be greater than zero, not -2",
                        "positive amount"),
                new BadFile(
                        "hourly budget written as text",
                        """
                        budget_usd_per_hour: "$5/h"
                        roles:
                          qa:
                        """,
                        "1:22",
                        "'budget_usd_per_hour' must be a number, not the text '$5/h'",
                        "without quotes or '$'"),
                new BadFile(
                        "budget written as text",
                        """
                        budget_usd: "$20"
                        roles:
                          qa:
                        """,
                        "1:13",
                        "'budget_usd' must be a number, not the text '$20'",
                        "without quotes or '$'"),
                new BadFile(
                        "no sessions at all may run",
                        """
                        max_active: 0
                        roles:
                          qa:
                        """,
                        "1:13",
                        "'max_active' must be at least 1, not 0",
                        "delete the line for no cap"),
                new BadFile(
                        "a cap of sessions that is not a whole number",
                        """
                        max_active: 2.5
                        roles:
                          qa:
                        """,
                        "1:13",
                        "'max_active' must be a whole number, not the number 2.5",
                        "e.g. 'max_active: 4'"),
                new BadFile(
                        "a cap of sessions in words",
                        """
                        max_active: four
                        roles:
                          qa:
                        """,
                        "1:13",
                        "'max_active' must be a number, not the text 'four'",
                        "without quotes"),
                new BadFile(
                        "repo that does not exist",
                        """
                        repo: no/such/dir
                        roles:
                          qa:
                        """,
                        "1:7",
                        "repo directory does not exist: ",
                        "existing directory"),
                new BadFile("repo that is a file", """
                        repo: team.yaml
                        roles:
                          qa:
                        """, "1:7", "repo is not a directory: ", "existing directory"),
                new BadFile(
                        "absolute copy path",
                        """
                        copy: [README.md, /etc/passwd]
                        roles:
                          qa:
                        """,
                        "1:19",
                        "copy path '/etc/passwd' is absolute",
                        "relative to the repository"),
                new BadFile(
                        "copy path escaping the repository",
                        """
                        copy:
                          - config/../../secrets.txt
                        roles:
                          qa:
                        """,
                        "2:5",
                        "copy path 'config/../../secrets.txt' points outside the repository",
                        "relative to the repository"),
                new BadFile(
                        "worktrees inside .git",
                        """
                        worktrees: .git/worktrees-of-roles
                        roles:
                          qa:
                        """,
                        "1:12",
                        "is inside the repository's .git directory",
                        "outside .git"),
                new BadFile(
                        "command that is an empty list", """
                        roles:
                          qa:
                            command: []
                        """, "3:14", "'command' is an empty list", "delete the line"),
                new BadFile("model given as a list", """
                        defaults:
                          model: [sonnet, opus]
                        roles:
                          qa:
                        """, "2:10", "'model' must be text, not a list", "one line"),
                new BadFile("goal with no value", """
                        goal:
                        roles:
                          qa:
                        """, "1:6", "'goal' has no value", "delete the line"),
                new BadFile(
                        "setup item that YAML read as a mapping (unquoted ': ')",
                        """
                        setup:
                          - echo: hi
                        roles:
                          qa:
                        """,
                        "2:5",
                        "'setup' must be a list of strings, but this item is a mapping",
                        "quote"),
                new BadFile(
                        "watches in defaults",
                        """
                        defaults:
                          watches: {commits: [backend]}
                        roles:
                          backend:
                          reviewer:
                        """,
                        "2:3",
                        "unknown key 'watches' in 'defaults'",
                        "set it on the role itself"),
                new BadFile(
                        "watches at the top level",
                        """
                        watches: {commits: [backend]}
                        roles:
                          backend:
                        """,
                        "1:1",
                        "unknown key 'watches' in the team file",
                        "put it under one role in 'roles:'"),
                new BadFile(
                        "watches of an unknown role, with the closest role suggested",
                        """
                        roles:
                          backend:
                          reviewer:
                            watches: {commits: [backnd]}
                        """,
                        "4:25",
                        "role 'reviewer' watches the commits of 'backnd', but the team has no role" + " 'backnd'",
                        "did you mean 'backend'? the team's roles: backend, reviewer"),
                new BadFile(
                        "watches of 'all'",
                        """
                        roles:
                          backend:
                          qa:
                            watches:
                              tasks: [all]
                        """,
                        "5:15",
                        "role 'qa' watches the tasks of 'all', but the team has no role 'all'",
                        "'all' is not a role but a reserved name"),
                new BadFile(
                        "a role watching itself",
                        """
                        roles:
                          backend:
                            watches: {commits: [backend]}
                        """,
                        "3:25",
                        "role 'backend' watches its own commits",
                        "watch other roles"),
                new BadFile(
                        "a role listed twice in one watch list",
                        """
                        roles:
                          backend:
                          qa:
                            watches: {tasks: [backend, backend]}
                        """,
                        "4:32",
                        "'backend' is listed twice in the tasks watches of role 'qa' (first at line 4)",
                        "delete one of them"),
                new BadFile(
                        "unknown key in watches",
                        """
                        roles:
                          backend:
                          reviewer:
                            watches: {commit: [backend]}
                        """,
                        "4:15",
                        "unknown key 'commit' in 'watches' of role 'reviewer'",
                        "did you mean 'commits'? allowed keys: commits, tasks"),
                new BadFile(
                        "watches written as a list",
                        """
                        roles:
                          backend:
                          reviewer:
                            watches: [backend]
                        """,
                        "4:14",
                        "'watches' of role 'reviewer' must be a mapping of keys to values, not a list",
                        "watches: {commits: [backend], tasks: [backend]}"),
                new BadFile(
                        "watched roles written as one text",
                        """
                        roles:
                          backend:
                          reviewer:
                            watches: {commits: backend}
                        """,
                        "4:24",
                        "'commits' must be a list of strings, not the text 'backend'",
                        "commits: [first, second]"),
                new BadFile(
                        "commit watches in a cycle of two",
                        """
                        roles:
                          backend:
                            watches: {commits: [reviewer]}
                          reviewer:
                            watches: {commits: [backend]}
                        """,
                        "3:25",
                        "commit watches form a cycle: backend → reviewer → backend (backend watches"
                                + " reviewer's commits, reviewer watches backend's commits)",
                        "make one of these a task watch"),
                new BadFile(
                        "commit watches in a cycle of three",
                        """
                        roles:
                          a:
                            watches: {commits: [b]}
                          b:
                            watches: {commits: [c]}
                          c:
                            watches: {commits: [a]}
                        """,
                        "3:25",
                        "commit watches form a cycle: a → b → c → a",
                        "break the cycle"),
                new BadFile(
                        "notify written as one URL, not a list",
                        """
                        notify: https://example.com/hook
                        roles:
                          qa:
                        """,
                        "1:9",
                        "'notify' must be a list of commands and webhooks, not the text",
                        "- webhook: https://example.com/hook"),
                new BadFile(
                        "notify entry with neither command nor webhook",
                        """
                        notify:
                          - events: [done]
                        roles:
                          qa:
                        """,
                        "2:5",
                        "an entry of 'notify' has neither 'command' nor 'webhook'",
                        "- command: notify-send"),
                new BadFile(
                        "notify entry with both command and webhook",
                        """
                        notify:
                          - command: notify-send hi
                            webhook: https://example.com/hook
                        roles:
                          qa:
                        """,
                        "3:5",
                        "has both 'command' and 'webhook'",
                        "make them two entries"),
                new BadFile(
                        "notify webhook that is not http(s)",
                        """
                        notify:
                          - webhook: file:///etc/passwd
                        roles:
                          qa:
                        """,
                        "2:14",
                        "'webhook' is not a usable URL: file:///etc/passwd",
                        "http:// or https://"),
                new BadFile(
                        "notify webhook with a password in it",
                        """
                        notify:
                          - webhook: https://me:secret@example.com/hook
                        roles:
                          qa:
                        """,
                        "2:14",
                        "'webhook' is not a usable URL",
                        "without user:password@"),
                new BadFile(
                        "notify event kind misspelt",
                        """
                        notify:
                          - webhook: https://example.com/hook
                            events: [permision, done]
                        roles:
                          qa:
                        """,
                        "3:14",
                        "'permision' is not a kind of notice",
                        "did you mean 'permission'?"),
                new BadFile("notify events empty", """
                        notify:
                          - command: [notify-send, hi]
                            events: []
                        roles:
                          qa:
                        """, "3:13", "'events' is empty", "delete 'events' for all of them"),
                new BadFile(
                        "notify entry with an unknown key",
                        """
                        notify:
                          - url: https://example.com/hook
                        roles:
                          qa:
                        """,
                        "2:5",
                        "unknown key 'url' in an entry of 'notify'",
                        "'webhook: https://...'"),
                new BadFile(
                        "notify command that is an empty list",
                        """
                        notify:
                          - command: []
                        roles:
                          qa:
                        """,
                        "2:14",
                        "'command' is an empty list",
                        "notify-send"),
                new BadFile(
                        "shared written as a mapping of path to owners",
                        """
                        shared:
                          api/openapi.yaml: [backend]
                        roles:
                          backend:
                        """,
                        "2:3",
                        "'shared' must be a list of files with their owners, not a mapping",
                        "- path: api/openapi.yaml"),
                new BadFile(
                        "shared owner that is not a role",
                        """
                        shared:
                          - path: api/openapi.yaml
                            owners: [backed]
                        roles:
                          backend:
                          frontend:
                        """,
                        "3:14",
                        "owner 'backed' is not a role of the team",
                        "did you mean 'backend'?"),
                new BadFile(
                        "shared entry without owners",
                        """
                        shared:
                          - path: api/openapi.yaml
                        roles:
                          backend:
                        """,
                        "2:5",
                        "an entry of 'shared' has no 'owners'",
                        "owners: [backend]"),
                new BadFile("shared entry with empty owners", """
                        shared:
                          - {path: api/openapi.yaml, owners: []}
                        roles:
                          backend:
                        """, "2:38", "'owners' is empty", "owners: [backend]"),
                new BadFile(
                        "shared entry with an unknown key",
                        """
                        shared:
                          - path: api/openapi.yaml
                            owner: [backend]
                        roles:
                          backend:
                        """,
                        "3:5",
                        "unknown key 'owner' in an entry of 'shared'",
                        "'owners' is a list"),
                new BadFile(
                        "absolute shared path",
                        """
                        shared:
                          - {path: /etc/openapi.yaml, owners: [backend]}
                        roles:
                          backend:
                        """,
                        "2:12",
                        "shared path '/etc/openapi.yaml' is absolute",
                        "relative to the repository"),
                new BadFile(
                        "shared path escaping the repository",
                        """
                        shared:
                          - {path: ../other/api.yaml, owners: [backend]}
                        roles:
                          backend:
                        """,
                        "2:12",
                        "shared path '../other/api.yaml' points outside the repository",
                        "relative to the repository"),
                new BadFile(
                        "shared path listed twice",
                        """
                        shared:
                          - {path: api/openapi.yaml, owners: [backend]}
                          - {path: ./api/openapi.yaml, owners: [frontend]}
                        roles:
                          backend:
                          frontend:
                        """,
                        "3:12",
                        "shared path 'api/openapi.yaml' is listed twice (first at line 2)",
                        "keep one entry"),
                new BadFile(
                        "shared file inside a shared folder",
                        """
                        shared:
                          - {path: api, owners: [backend]}
                          - {path: api/openapi.yaml, owners: [frontend]}
                        roles:
                          backend:
                          frontend:
                        """,
                        "3:12",
                        "shared path 'api/openapi.yaml' is inside the shared folder 'api' (line 2)",
                        "either the folder or the files in it"),
                new BadFile(
                        "shared inside a role",
                        """
                        roles:
                          backend:
                            shared: [api/openapi.yaml]
                        """,
                        "3:5",
                        "unknown key 'shared' in role 'backend'",
                        "move it to the top level"),
                new BadFile(
                        "both prompt_file and agent_file",
                        """
                        roles:
                          qa:
                            prompt_file: roles/qa.md
                            agent_file: .claude/agents/qa.md
                        """,
                        "4:5",
                        "role 'qa' has both 'prompt_file' and 'agent_file'",
                        "keep one of them"),
                new BadFile(
                        "prompt, prompt_file and agent_file",
                        """
                        roles:
                          qa:
                            agent_file: .claude/agents/qa.md
                            prompt: Test.
                            prompt_file: roles/qa.md
                        """,
                        "5:5",
                        "role 'qa' has 'agent_file', 'prompt' and 'prompt_file'",
                        "keep one of them"),
                new BadFile("missing agent file", """
                        roles:
                          qa:
                            agent_file: .claude/agents/qa.md
                        """, "3:17", "agent file not found: ", "/agents"),
                new BadFile(
                        "agent_file in defaults",
                        """
                        defaults:
                          agent_file: .claude/agents/qa.md
                        roles:
                          qa:
                        """,
                        "2:3",
                        "unknown key 'agent_file' in 'defaults'",
                        "set it on the role itself"),
                new BadFile(
                        "host without remote_dir",
                        """
                        roles:
                          qa:
                            host: build-box
                        """,
                        "3:11",
                        "a role with 'host' needs 'remote_dir'",
                        "remote_dir: /home/you/peers"),
                new BadFile(
                        "a Codex role on another host",
                        """
                        roles:
                          reviewer:
                            agent: codex
                            host: build-box
                            remote_dir: /srv/peers
                        """,
                        "4:11",
                        "a Codex role runs on this machine",
                        "remove 'host' from this role"),
                new BadFile(
                        "a host that would be read as an ssh option",
                        """
                        roles:
                          qa:
                            host: -oProxyCommand=touch
                            remote_dir: /srv/peers
                        """,
                        "3:11",
                        "is not an SSH destination",
                        "not starting with '-'"),
                new BadFile(
                        "a relative remote_dir",
                        """
                        roles:
                          qa:
                            host: build-box
                            remote_dir: peers
                        """,
                        "4:17",
                        "remote_dir 'peers' is not an absolute folder",
                        "absolute path"),
                new BadFile(
                        "a remote_dir that climbs out",
                        """
                        roles:
                          qa:
                            host: me@build-box
                            remote_dir: /srv/peers/../../etc
                        """,
                        "4:17",
                        "is not an absolute folder of plain characters",
                        "without '..'"),
                new BadFile(
                        "YAML merge keys",
                        """
                        roles:
                          qa:
                            <<: {model: opus}
                        """,
                        "3:5",
                        "unknown key '<<' in role 'qa'",
                        "merge keys are not supported"));
    }

    /** The whole corpus: the mistakes people make, and the files someone who wants to hurt them would write. */
    static Stream<BadFile> corpus() {
        return Stream.concat(badFiles(), HostileTeamFiles.all());
    }

    /**
     * What validate and up run with: the PATH of this test (git is found through it), and an agent program that
     * exists, so that only what a case is about is wrong.
     */
    private static Map<String, String> environment(BadFile bad) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("PEERS_TEAM_CLAUDE", "/bin/true");
        environment.putAll(bad.environment());
        return environment;
    }

    /** A git repository with the case's team file and whatever else it needs, and a folder beside it. */
    private Path prepare(BadFile bad) throws Exception {
        Path repo = TestRepos.init(dir.resolve("repo"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not for agents\n");
        Files.writeString(outside.resolve("sim.yaml"), "roles: {}\n");
        if (bad.yaml() != null) {
            Files.writeString(repo.resolve("team.yaml"), bad.yaml().replace("{outside}", outside.toString()));
        }
        bad.setup().prepare(repo, outside);
        return repo;
    }

    /**
     * Every bad file has exactly one problem, where the case says, with its message and fix; validate and up say so
     * alike (exit 2, the same words), and up creates nothing: no .peers, no worktree, no branch, no file anywhere near
     * the repository.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a FIFO opened by mistake blocks forever
    void validateAndUpRefuseEachBadFileAlikeAtItsPlaceAndUpCreatesNothing(BadFile bad) throws Exception {
        Path repo = prepare(bad);
        Path file = bad.teamFile().of(repo);
        Set<String> before = snapshot(dir);
        String branchesBefore = branches(repo);

        TeamFileException e =
                catchThrowableOfType(TeamFileException.class, () -> new Preflight(environment(bad)).check(file));
        StringWriter validateErr = new StringWriter();
        int validate = Main.run(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(validateErr, true),
                environment(bad),
                "validate",
                file.toString());
        assertThat(e).as("a TeamFileException for: " + bad.checks()).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).hasSize(1);
        Problem problem = e.problems().getFirst();
        assertThat(problem.line() + ":" + problem.column()).as(e.getMessage()).isEqualTo(bad.at());
        assertThat(problem.message()).contains(bad.message());
        assertThat(problem.fix()).contains(bad.fix());
        assertThat(problem.file()).isEqualTo(problemFile(bad, repo, file));
        assertThat(e.getMessage()).endsWith("1 problem in " + Problem.displayPath(file));

        String expected = expectedLocation(bad, repo, file);
        assertThat(validate).as(validateErr.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(validateErr.toString().lines())
                .as(validateErr.toString())
                .anySatisfy(line -> assertThat(line).startsWith(expected).contains(bad.message()));
        assertThat(validateErr.toString()).contains("  fix: " + problem.fix());
        // only now: up with a file that validate let through would start a team
        StringWriter upOut = new StringWriter();
        StringWriter upErr = new StringWriter();
        int up = Main.run(
                new PrintWriter(upOut, true),
                new PrintWriter(upErr, true),
                environment(bad),
                "up",
                "--no-console",
                file.toString());

        assertThat(up).as(upErr.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(upErr.toString()).as("up says what validate says").isEqualTo(validateErr.toString());
        assertThat(upOut.toString()).isEmpty();
        assertThat(snapshot(dir)).as("nothing was created or changed").isEqualTo(before);
        assertThat(branches(repo)).isEqualTo(branchesBefore);
    }

    private static Path problemFile(BadFile bad, Path repo, Path file) {
        return bad.reportedIn().equals("team.yaml") ? file : repo.resolve(bad.reportedIn());
    }

    /** "/tmp/x/repo/team.yaml:3:18: " or, for the file as a whole, "/tmp/x/repo/team.yaml: ". */
    private static String expectedLocation(BadFile bad, Path repo, Path file) {
        String shown = Problem.displayPath(problemFile(bad, repo, file).toAbsolutePath());
        return bad.wholeFile() ? shown + ": " : shown + ":" + bad.at() + ": ";
    }

    /** Every path below {@code root}, with its kind and, for links, where they point: links are not followed. */
    private static Set<String> snapshot(Path root) throws IOException {
        Set<String> seen = new TreeSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                seen.add(root.relativize(directory) + "/");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                String entry = root.relativize(path).toString();
                if (attributes.isSymbolicLink()) {
                    entry += " -> " + Files.readSymbolicLink(path);
                } else if (attributes.isRegularFile()) {
                    entry += " (" + attributes.size() + " bytes)";
                } else {
                    entry += " (special)";
                }
                seen.add(entry);
                return FileVisitResult.CONTINUE;
            }
        });
        return seen;
    }

    /** Every branch and worktree git knows, or "" when the folder is no repository (any more). */
    private static String branches(Path repo) throws IOException, InterruptedException {
        if (!Files.exists(repo.resolve(".git"))) {
            return "";
        }
        return TestRepos.git(repo, "branch", "--list", "--all") + TestRepos.git(repo, "worktree", "list");
    }

    @Test
    void theCorpusHoldsAtLeastSixtyDistinctBadFiles() {
        assertThat(corpus().map(BadFile::checks).distinct().count())
                .as("every case is named apart")
                .isEqualTo(corpus().count())
                .isGreaterThanOrEqualTo(60);
    }

    @Test
    void aMissingPromptFileIsNamedByItsResolvedPath() throws Exception {
        Path file = Files.writeString(dir.resolve("team.yaml"), """
                roles:
                  qa:
                    prompt_file: prompts/../prompts/qa.md
                """);

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(file));

        assertThat(e.problems().getFirst().message())
                .isEqualTo("prompt file not found: "
                        + dir.resolve("prompts/qa.md").toAbsolutePath().normalize());
    }

    @Test
    void allProblemsAreReportedTogetherInFileOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("team.yaml"), """
                name: shop
                budget_usd: 0
                roles:
                  manager:
                    lead: true
                    alowed_tools: [Read]
                  QA:
                    permission_mode: sometimes
                  backend:
                    lead: true
                bogus: 1
                """);

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(file));

        assertThat(e.problems())
                .extracting(problem -> problem.line() + ":" + problem.column())
                .containsExactly("2:13", "6:5", "7:3", "8:22", "10:11", "11:1");
        assertThat(e.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "'budget_usd' must be greater than zero, not 0",
                        "unknown key 'alowed_tools' in role 'manager'",
                        "role name 'QA' is not valid: role names become directory and branch names, so they must match"
                                + " [a-z][a-z0-9-]{0,31}",
                        "unknown permission_mode 'sometimes'",
                        "more than one role has 'lead: true': 'manager' (line 5), 'backend' (line 10)",
                        "unknown key 'bogus' in the team file");
        assertThat(e.getMessage()).endsWith("6 problems in " + Problem.displayPath(file));
    }

    @Test
    void anUnreadableFileIsOneProblemForTheWholeFile() {
        Path missing = dir.resolve("nope.yaml");

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFileLoader.load(missing));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isZero();
            assertThat(problem.message()).isEqualTo("team file not found");
            assertThat(problem.location()).isEqualTo(Problem.displayPath(missing));
        });
    }

    @Test
    void problemsReadLikeCompilerMessages() {
        Problem problem = new Problem(
                Path.of("team.yaml"),
                12,
                5,
                "unknown key 'alowed_tools' in role 'qa'",
                "did you mean 'allowed_tools'?");
        TeamFileException e = new TeamFileException(
                Path.of("team.yaml"),
                List.of(
                        problem,
                        new Problem(
                                Path.of("team.yaml"), 14, 3, "role name 'all' is reserved", "choose another name")));

        String nl = System.lineSeparator();
        assertThat(problem.toString())
                .isEqualTo("team.yaml:12:5: unknown key 'alowed_tools' in role 'qa'" + nl
                        + "  fix: did you mean 'allowed_tools'?");
        assertThat(e.getMessage())
                .isEqualTo(problem + nl
                        + "team.yaml:14:3: role name 'all' is reserved" + nl + "  fix: choose another name" + nl
                        + "2 problems in team.yaml");
    }

    @Test
    void pathsBelowTheWorkingDirectoryAreShownRelativeToIt() {
        Path cwd = Path.of("").toAbsolutePath();

        assertThat(Problem.displayPath(cwd.resolve("teams/shop.yaml")))
                .isEqualTo(Path.of("teams/shop.yaml").toString());
        assertThat(Problem.displayPath(Path.of("/elsewhere/team.yaml"))).isEqualTo("/elsewhere/team.yaml");
        assertThat(Problem.displayPath(Path.of("team.yaml"))).isEqualTo("team.yaml");
    }
}
