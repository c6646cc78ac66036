package dev.peersteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;

/**
 * Every case of {@link VerbOutputTest} again, typed in the team's folder: the quick verbs are then run by the
 * coordinator ({@link WarmVerbs}) and must print exactly what they print when run here, with the same exit codes.
 */
class WarmVerbOutputTest extends VerbOutputTest {
    @Override
    boolean typedInTheTeam() {
        return true;
    }

    @AfterEach
    void everyQuickVerbWasRunByTheCoordinator() {
        assertThat(verbsRun.get()).isEqualTo(quickVerbsTyped);
    }
}
