package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peersteam.cli.PeersTeamCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimAgentCommandTest {

    @Test
    void everyArgumentReachesTheAgentUntouched() {
        List<String> args = List.of(
                "--output-format",
                "stream-json",
                "--verbose",
                "--input-format",
                "stream-json",
                "--append-system-prompt",
                "You are the role \"qa\".\n-- two lines",
                "--model",
                "sonnet",
                "--permission-mode",
                "acceptEdits",
                "--permission-prompt-tool",
                "stdio",
                "--mcp-config",
                "{\"mcpServers\":{\"peers\":{\"type\":\"sdk\",\"name\":\"peers\"}}}",
                "--allowedTools",
                "mcp__peers__send_message,Bash(git *)",
                "--resume=-odd-id",
                "--setting-sources=",
                "--script",
                "x.yaml");
        SimAgentCommand command = new SimAgentCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));

        assertThat(command.args).containsExactlyElementsOf(args);
        assertThat(SimAgentCommand.class
                        .getAnnotation(CommandLine.Command.class)
                        .hidden())
                .isTrue();
    }

    @Test
    void asAVerbOfTheMainProgramItGetsEverythingAfterItsName() {
        CommandLine root = PeersTeamCommand.tree().addSubcommand(new SimAgentCommand());
        CommandLine.ParseResult parsed = root.parseArgs("sim-agent", "--verbose", "--help", "--version", "-p");

        SimAgentCommand command =
                parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(command.args).containsExactly("--verbose", "--help", "--version", "-p");
    }

    @Test
    void theSimulatedFlagsAreReadLikeTheRealCliReadsThem() throws Exception {
        SimOptions options = SimOptions.parse(
                List.of(
                        "--output-format=stream-json",
                        "--verbose",
                        "--input-format",
                        "stream-json",
                        "--allowedTools",
                        "Read,Bash(git commit:*) Write",
                        "--mcp-config",
                        "{\"mcpServers\":{\"peers\":{\"type\":\"sdk\",\"name\":\"peers\"},"
                                + "\"web\":{\"type\":\"http\",\"url\":\"http://x\"}}}",
                        "--resume",
                        "abc",
                        "--permission-prompt-tool=stdio",
                        "--include-partial-messages",
                        "--slow-ms",
                        "7"),
                java.nio.file.Path.of("/tmp"));

        assertThat(options.allowedTools()).containsExactly("Read", "Bash(git commit:*)", "Write");
        assertThat(options.sdkMcpServers()).containsExactly("peers");
        assertThat(options.resume()).isEqualTo("abc");
        assertThat(options.permissionPromptStdio()).isTrue();
        assertThat(options.faults()).isEqualTo(new Faults(null, null, 7, null, null));
    }
}
