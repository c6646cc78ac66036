package dev.peersteam.control;

/** The answer to {@link ControlRequest.Hello}: which coordinator is on the other end. */
public record CoordinatorInfo(long pid, String team, String repo, String version) implements ControlReply {}
