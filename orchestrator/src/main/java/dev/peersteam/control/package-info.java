/**
 * The control socket: how CLI verbs and the console steer a running coordinator.
 *
 * <p>JSON lines over a Unix domain socket ({@code .peers/control.sock}): a client writes one request per line, the
 * server answers every request with exactly one {@link dev.peersteam.control.ControlResponse} line, in order (a
 * connection serves one request at a time; open more connections for parallelism). A streaming request
 * ({@link dev.peersteam.control.ControlRequest#streams()}) turns the connection into an event stream instead:
 * {@link dev.peersteam.control.ServerLine.Event} lines until either side closes, optionally ended by one error line.
 *
 * <p>Security: whatever reaches this socket becomes a prompt for agents that run commands in the user's repository,
 * so the socket is the user's alone: it lives in a directory that must be 0700, the file itself is 0600, and on
 * systems that report peer credentials a connection from another user is refused.
 */
package dev.peersteam.control;
