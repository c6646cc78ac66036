package dev.peersteam.team;

import java.nio.file.Path;
import java.util.List;

public record RoleSpec(String name, boolean lead, String prompt, Path promptFile, AgentKind agent, String model,
        String permissionMode, List<String> allowedTools, List<String> command, Double budgetUsd) {
    public String branch() {
        return "peers/" + name;
    }
}
