package dev.peersteam.team;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownKeysTest {
    @Test
    void suggestsTheClosestKeyForTyposCaseAndSeparators() {
        assertThat(KnownKeys.ROLE.closestTo("alowed_tools")).contains("allowed_tools");
        assertThat(KnownKeys.ROLE.closestTo("allowedTools")).contains("allowed_tools");
        assertThat(KnownKeys.ROLE.closestTo("prompt-file")).contains("prompt_file");
        assertThat(KnownKeys.ROLE.closestTo("permission")).contains("permission_mode");
        assertThat(KnownKeys.ROLE.closestTo("tools")).contains("allowed_tools");
        assertThat(KnownKeys.ROLE.closestTo("budget")).contains("budget_usd");
        assertThat(KnownKeys.TEAM.closestTo("worktree")).contains("worktrees");
        assertThat(KnownKeys.TEAM.closestTo("role")).contains("roles");
    }

    @Test
    void suggestsNothingForUnrelatedKeys() {
        assertThat(KnownKeys.ROLE.closestTo("temperature")).isEmpty();
        assertThat(KnownKeys.TEAM.closestTo("xyz")).isEmpty();
    }

    @Test
    void theFixAlwaysListsTheAllowedKeys() {
        assertThat(KnownKeys.DEFAULTS.fixFor("temperature"))
                .isEqualTo(
                        "allowed keys: agent, model, permission_mode, allowed_tools, command, budget_usd, sim_script,"
                                + " sandbox, host, remote_dir");
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertThat(KnownKeys.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(KnownKeys.editDistance("", "abc")).isEqualTo(3);
        assertThat(KnownKeys.editDistance("same", "same")).isZero();
        assertThat(KnownKeys.editDistance("rolse", "roles"))
                .as("a swap is one edit")
                .isEqualTo(1);
    }
}
