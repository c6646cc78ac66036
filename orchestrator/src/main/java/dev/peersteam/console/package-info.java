/**
 * The interactive console ({@code peers-team console}, and {@code peers-team up} in a terminal): a JLine prompt for
 * commands with the team's live events printed above it.
 *
 * <p>The console is one more client of the control socket. {@link dev.peersteam.console.LiveEvents} holds a
 * {@code subscribe} stream on a thread of its own and prints each event above the line being typed
 * ({@code LineReader.printAbove}); commands use short request connections, and the verbs the shell has run through
 * the CLI's own picocli tree ({@link dev.peersteam.console.CommandTree}). Completion and the status line read a
 * local {@link dev.peersteam.console.TeamView} that events and background {@code ps}/{@code board} answers keep
 * current, so typing never waits for the network.
 */
package dev.peersteam.console;
