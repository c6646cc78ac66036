package dev.peersteam.console;

import picocli.CommandLine;

/**
 * A fresh picocli tree of the CLI's commands ({@code peers-team ...}), with its exit-code mapping: the console
 * runs the verbs ({@code assign}, {@code send}, {@code ps}, ...) through it, on the same code path as the shell.
 */
@FunctionalInterface
public interface CommandTree {
    CommandLine create();
}
