/**
 * The control socket: how CLI verbs and the console steer a running coordinator.
 *
 * <p>JSON lines over a Unix domain socket ({@code .peers/control.sock}): a client writes one request per line, the
 * server answers every {@link dev.peersteam.control.ControlRequest.Call} with exactly one
 * {@link dev.peersteam.control.ControlResponse} line, in order (a connection serves one request at a time; open more
 * connections for parallelism). {@link dev.peersteam.control.ControlRequest.Subscribe} turns the connection into an
 * event stream instead: {@link dev.peersteam.control.ServerLine.Event} lines until either side closes, optionally
 * ended by one error line. docs/control.md describes every line, with examples.
 *
 * <p>Types: each request names the record its answer carries ({@link dev.peersteam.control.ControlReply}), and
 * events are {@link dev.peersteam.control.TeamEvent}s; {@link dev.peersteam.control.ControlCodec} is the only place
 * that turns them into JSON and back, and {@link dev.peersteam.control.ControlClient} hands clients the records.
 *
 * <p>Security: whatever reaches this socket becomes a prompt for agents that run commands in the user's repository,
 * so the socket is the user's alone: it lives in a directory that must be 0700, the file itself is 0600, and on
 * systems that report peer credentials a connection from another user is refused.
 *
 * <p>Limits ({@link dev.peersteam.control.ControlServer.Settings}): at most 32 connections at once (more are told
 * {@code too_many_connections} and closed), a request line of at most 1 MiB (a longer one is told
 * {@code bad_request} and closed), 15 s to send the next request (then {@code idle_timeout}; a stream is never idle),
 * and a stream may fall 1024 events or 4 MiB behind before it is dropped ({@code slow_consumer}). Errors while
 * accepting are waited out, never the end of the server.
 */
package dev.peersteam.control;
