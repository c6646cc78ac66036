package dev.peersteam.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(
        name = "peers-team",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs several Claude Code sessions as one coordinated team, each in its own git worktree.",
        subcommands = {UpCommand.class, ValidateCommand.class, LogsCommand.class, HelpCommand.class},
        footer = {
            "",
            "Examples:",
            "  peers-team validate team.yaml       check a team file and print the resolved team",
            "  peers-team up team.yaml             start the team in the foreground",
        })
public final class PeersTeamCommand {}
