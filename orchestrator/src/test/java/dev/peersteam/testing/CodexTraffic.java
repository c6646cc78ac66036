package dev.peersteam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Records the real traffic of a Codex role for the fixtures: when {@code PEERS_TEAM_CODEX_RECORD} names a folder, a
 * role's raw JSON-RPC log ({@code .peers/logs/<role>.jsonl}) is copied there as {@code <scenario>.jsonl}. The
 * checked-in fixtures under {@code src/test/resources/fixtures/codex-0.171.0} were made this way.
 */
public final class CodexTraffic {
    private CodexTraffic() {}

    public static void keep(Path repo, String role, String scenario) throws IOException {
        keep(repo, role, scenario, null);
    }

    /** Also copies the role's thread rollout from {@code codexHome}, as {@code <scenario>.rollout.jsonl}. */
    public static void keep(Path repo, String role, String scenario, Path codexHome) throws IOException {
        String dir = System.getenv("PEERS_TEAM_CODEX_RECORD");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        Files.copy(
                repo.resolve(".peers/logs/" + role + ".jsonl"),
                Path.of(dir, scenario + ".jsonl"),
                StandardCopyOption.REPLACE_EXISTING);
        if (codexHome != null) {
            try (var files = Files.find(
                    codexHome.resolve("sessions"),
                    4,
                    (path, attrs) -> path.getFileName().toString().startsWith("rollout-"))) {
                for (Path rollout : files.toList()) {
                    Files.copy(rollout, Path.of(dir, scenario + ".rollout.jsonl"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
