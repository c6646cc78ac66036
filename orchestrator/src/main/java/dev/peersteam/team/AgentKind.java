package dev.peersteam.team;

public enum AgentKind { CLAUDE }
