package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid team files: what they resolve to. */
class TeamFileLoaderTest {
    @TempDir
    Path dir;

    @Test
    void aCompleteFileResolvesEveryKey() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(repo.resolve("config"));
        Files.writeString(repo.resolve(".env"), "KEY=1\n");
        Files.writeString(repo.resolve("config/local.properties"), "a=b\n");
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/lead.md"), "# Lead\nYou lead.\n");
        Path file = write("shop.yaml", """
                name: shop
                repo: project
                base: main
                worktrees: ../trees
                defaults:
                  agent: claude
                  model: sonnet
                  permission_mode: plan
                  allowed_tools: [Read, Grep]
                  command: claude --verbose
                  budget_usd: 5
                setup: ["npm ci", "make deps"]
                copy: [".env", "./config/local.properties"]
                budget_usd: 20.5
                max_active: 3
                goal: Ship the login flow
                roles:
                  boss:
                    prompt_file: prompts/lead.md
                  backend:
                    lead: true
                    prompt: You build the API.
                    model: opus
                    permission_mode: acceptEdits
                    allowed_tools: ["Bash(mvn *)", Edit, mcp__peers__send_message]
                    command: [/opt/claude/bin/claude, --debug]
                    budget_usd: 2.5
                  qa:
                """);

        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(team.name()).isEqualTo("shop");
        assertThat(team.repo()).isEqualTo(repo.toAbsolutePath().normalize());
        assertThat(team.base()).isEqualTo("main");
        assertThat(team.maxActive()).isEqualTo(3);
        assertThat(team.worktrees())
                .isEqualTo(dir.resolve("trees").toAbsolutePath().normalize());
        assertThat(team.goal()).isEqualTo("Ship the login flow");
        assertThat(team.budgetUsd()).isEqualTo(20.5);
        assertThat(team.setup()).containsExactly("npm ci", "make deps");
        assertThat(team.copy()).containsExactly(".env", "config/local.properties");
        assertThat(team.roleNames()).containsExactly("boss", "backend", "qa");

        RoleSpec boss = team.role("boss").orElseThrow();
        assertThat(boss.lead()).isFalse();
        assertThat(boss.prompt()).isEqualTo("# Lead\nYou lead.\n");
        assertThat(boss.promptFile())
                .isEqualTo(dir.resolve("prompts/lead.md").toAbsolutePath().normalize());
        assertThat(boss.agent()).isEqualTo(AgentKind.CLAUDE);
        assertThat(boss.model()).isEqualTo("sonnet");
        assertThat(boss.permissionMode()).isEqualTo("plan");
        assertThat(boss.allowedTools()).containsExactly("Read", "Grep");
        assertThat(boss.command()).containsExactly("claude", "--verbose");
        assertThat(boss.budgetUsd()).isEqualTo(5.0);

        RoleSpec backend = team.role("backend").orElseThrow();
        assertThat(team.lead()).isEqualTo(backend);
        assertThat(backend.prompt()).isEqualTo("You build the API.");
        assertThat(backend.promptFile()).isNull();
        assertThat(backend.model()).isEqualTo("opus");
        assertThat(backend.permissionMode()).isEqualTo("acceptEdits");
        // A role's list replaces the default list; it is not merged with it.
        assertThat(backend.allowedTools()).containsExactly("Bash(mvn *)", "Edit", "mcp__peers__send_message");
        assertThat(backend.command()).containsExactly("/opt/claude/bin/claude", "--debug");
        assertThat(backend.budgetUsd()).isEqualTo(2.5);
        assertThat(backend.branch()).isEqualTo("peers/backend");
        assertThat(team.worktreeOf(backend)).isEqualTo(team.worktrees().resolve("backend"));

        RoleSpec qa = team.role("qa").orElseThrow();
        assertThat(qa.prompt()).isEmpty();
        assertThat(qa.promptFile()).isNull();
        assertThat(qa.model()).isEqualTo("sonnet");
        assertThat(qa.allowedTools()).containsExactly("Read", "Grep");
        assertThat(team.role("nobody")).isEmpty();
    }

    @Test
    void notifyTargetsAreCommandsAndWebhooksEachWithTheKindsTheyWant() throws Exception {
        Path file = write("team.yaml", """
                notify:
                  - webhook: https://hooks.example.com/services/T0/B0/secret
                    events: [permission, task_failed]
                  - command: notify-send peers-team "$PEERS_NOTIFY_TEXT"
                  - command: [/usr/local/bin/page-me, --urgent]
                    events: [crashed]
                roles:
                  solo: {}
                """);

        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.notifyTargets())
                .containsExactly(
                        new NotifyTarget.Webhook(
                                java.net.URI.create("https://hooks.example.com/services/T0/B0/secret"),
                                java.util.Set.of(NoticeKind.PERMISSION, NoticeKind.TASK_FAILED)),
                        new NotifyTarget.Command(
                                List.of("sh", "-c", "notify-send peers-team \"$PEERS_NOTIFY_TEXT\""),
                                java.util.EnumSet.allOf(NoticeKind.class)),
                        new NotifyTarget.Command(
                                List.of("/usr/local/bin/page-me", "--urgent"), java.util.Set.of(NoticeKind.CRASHED)));
        assertThat(team.notifyTargets().getFirst().shown())
                .as("a webhook's path often is its secret: it is not shown")
                .isEqualTo("webhook https://hooks.example.com/…");
        assertThat(team.notifyTargets().get(1).shown())
                .isEqualTo("command notify-send peers-team \"$PEERS_NOTIFY_TEXT\"");
    }

    @Test
    void theNotifyOptionTakesAUrlAsAWebhookAndAnythingElseAsACommandLine() {
        assertThat(NotifyTarget.parse("https://example.com/hook"))
                .isEqualTo(
                        new NotifyTarget.Webhook(java.net.URI.create("https://example.com/hook"), java.util.Set.of()));
        assertThat(NotifyTarget.parse("  ntfy publish mytopic  "))
                .isEqualTo(NotifyTarget.Command.shell("ntfy publish mytopic", java.util.Set.of()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotifyTarget.parse("http://user:pw@example.com/"))
                .hasMessageContaining("without user:password@");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotifyTarget.parse(" "))
                .hasMessageContaining("empty");
    }

    @Test
    void aMinimalFileGetsTheDocumentedDefaults() throws Exception {
        Path file = write("my-team.yml", """
                roles:
                  solo: {}
                """);

        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.name()).isEqualTo("my-team");
        assertThat(team.repo()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(team.base()).isNull();
        assertThat(team.worktrees()).isEqualTo(team.repo().resolve("worktrees"));
        assertThat(team.goal()).isNull();
        assertThat(team.budgetUsd()).isNull();
        assertThat(team.maxActive()).as("no cap").isZero();
        assertThat(team.setup()).isEmpty();
        assertThat(team.copy()).isEmpty();
        assertThat(team.notifyTargets()).isEmpty();
        RoleSpec solo = team.lead();
        assertThat(solo.name()).isEqualTo("solo");
        assertThat(solo.prompt()).isEmpty();
        assertThat(solo.agent()).isEqualTo(AgentKind.CLAUDE);
        assertThat(solo.model()).isNull();
        assertThat(solo.permissionMode()).isEqualTo("acceptEdits");
        assertThat(solo.allowedTools()).isEmpty();
        assertThat(solo.command()).isNull();
        assertThat(solo.budgetUsd()).isNull();
    }

    @Test
    void aRoleWithAHostHasItsWorktreeThereAndDefaultsCanNameTheFolder() throws Exception {
        Path file = write("team.yaml", """
                defaults:
                  remote_dir: /srv/peers
                roles:
                  lead: {}
                  builder:
                    host: me@build-box
                  tester:
                    host: test-box
                    remote_dir: /home/t/work
                """);

        TeamSpec team = TeamFileLoader.load(file);

        RoleSpec lead = team.role("lead").orElseThrow();
        assertThat(lead.onAnotherHost())
                .as("remote_dir alone does not move a role")
                .isFalse();
        assertThat(team.worktreeOf(lead)).isEqualTo(team.worktrees().resolve("lead"));
        RoleSpec builder = team.role("builder").orElseThrow();
        assertThat(builder.host()).isEqualTo(new RemoteHost("me@build-box", Path.of("/srv/peers")));
        assertThat(team.worktreeOf(builder)).isEqualTo(Path.of("/srv/peers/builder"));
        RoleSpec tester = team.role("tester").orElseThrow();
        assertThat(team.worktreeOf(tester)).isEqualTo(Path.of("/home/t/work/tester"));
        assertThat(tester.host().destination()).isEqualTo("test-box");
    }

    @Test
    void withoutLeadTrueTheFirstRoleInFileOrderLeads() throws Exception {
        Path file = write("team.yaml", """
                roles:
                  zeta: {lead: false}
                  alpha:
                """);

        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.lead().name()).isEqualTo("zeta");
        assertThat(team.roles()).filteredOn(RoleSpec::lead).hasSize(1);
    }

    @Test
    void anExplicitLeadIsTheOnlyLead() throws Exception {
        Path file = write("team.yaml", """
                roles:
                  first:
                  second:
                    lead: yes
                """);

        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.lead().name()).isEqualTo("second");
        assertThat(team.role("first").orElseThrow().lead()).isFalse();
    }

    @Test
    void anEmptyRoleListInARoleClearsTheDefault() throws Exception {
        Path file = write("team.yaml", """
                defaults:
                  allowed_tools: [Read]
                roles:
                  quiet:
                    allowed_tools: []
                """);

        assertThat(TeamFileLoader.load(file).lead().allowedTools()).isEmpty();
    }

    @Test
    void repoAndPromptFilesAreRelativeToTheTeamFileNotTheWorkingDirectory() throws Exception {
        Files.createDirectories(dir.resolve(".git")); // the team file is in a work tree: dir is its top
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(dir.resolve("code"));
        Files.writeString(config.resolve("qa.md"), "Test it.");
        Path file = config.resolve("team.yaml");
        Files.writeString(file, """
                repo: ../code
                worktrees: ../trees
                roles:
                  qa:
                    prompt_file: qa.md
                """);

        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.repo()).isEqualTo(dir.resolve("code").toAbsolutePath().normalize());
        assertThat(team.worktrees())
                .isEqualTo(dir.resolve("trees").toAbsolutePath().normalize());
        assertThat(team.lead().prompt()).isEqualTo("Test it.");
    }

    @Test
    void numbersAndBooleansAreTakenAsTextWhereTextIsExpected() throws Exception {
        Path file = write("team.yaml", """
                name: 2024
                base: 1.0
                roles:
                  dev:
                    model: 3.5
                """);

        TeamSpec team = TeamFileLoader.load(file);

        assertThat(team.name()).isEqualTo("2024");
        assertThat(team.base()).isEqualTo("1.0");
        assertThat(team.lead().model()).isEqualTo("3.5");
    }

    @Test
    void toolRulesCoverPatternsAndMcpNames() throws Exception {
        List<String> rules = List.of(
                "Read",
                "Bash(npm run test:*)",
                "WebFetch(domain:example.com)",
                "mcp__peers__send_message",
                "mcp__my-server__do_it",
                "mcp__peers",
                "Edit(src/**)");
        Path file = write(
                "team.yaml",
                "roles:\n  dev:\n    allowed_tools:\n"
                        + rules.stream()
                                .map(rule -> "      - \"" + rule + "\"\n")
                                .reduce("", String::concat));

        assertThat(TeamFileLoader.load(file).lead().allowedTools()).isEqualTo(rules);
    }

    @Test
    void sandboxIsARoleSettingWithADefaultThatMeansWhereAvailable() throws Exception {
        Path file = write("team.yaml", """
                defaults:
                  sandbox: true
                roles:
                  lead:
                    sandbox: false
                  qa:
                """);
        TeamSpec team = TeamFileLoader.load(file);
        assertThat(team.roles()).extracting(RoleSpec::sandbox).containsExactly(false, true);
        Path plain = write("plain.yaml", """
                roles:
                  lead:
                """);
        assertThat(TeamFileLoader.load(plain).lead().sandbox())
                .as("unset: on where available")
                .isNull();
        Path bad = write("bad.yaml", """
                roles:
                  lead:
                    sandbox: sometimes
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TeamFileLoader.load(bad))
                .hasMessageContaining("3:14");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
