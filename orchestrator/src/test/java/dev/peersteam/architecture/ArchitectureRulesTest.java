package dev.peersteam.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each layering rule fails when broken: evaluated against the deliberately broken classes of
 * {@code dev.peersteam.architecture.broken}, it names the class that breaks it, and not the ones that keep it.
 */
class ArchitectureRulesTest {
    private static final String BROKEN = "dev.peersteam.architecture.broken";
    private static final ArchitectureRules RULES = new ArchitectureRules(BROKEN);
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(BROKEN);

    private static List<String> violations(ArchRule rule) {
        return rule.evaluate(CLASSES).getFailureReport().getDetails();
    }

    @Test
    void aCycleBetweenPackagesFails() {
        assertThatThrownBy(() -> RULES.noPackageCycles().check(CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining(BROKEN + ".cli.Verb")
                .hasMessageContaining(BROKEN + ".console.Prompt");
    }

    @Test
    void aPurePartThatReadsAFileOrStartsAProcessFails() {
        assertThat(violations(RULES.purePartsDoNoIo()))
                .anyMatch(v -> v.contains("FileBoard") && v.contains("java.nio.file.Files.readString"))
                .anyMatch(v -> v.contains("Launcher") && v.contains("java.lang.ProcessBuilder"))
                .noneMatch(v -> v.contains("PathBoard"));
    }

    @Test
    void aClientThatEncodesFramesFails() {
        assertThat(violations(RULES.onlySessionAndProtocolEncodeFrames()))
                .isNotEmpty()
                .allMatch(v -> v.contains("FrameTap"));
        assertThat(violations(RULES.framesStayWithTheirReaders())).isNotEmpty().allMatch(v -> v.contains("FrameTap"));
    }

    @Test
    void aClientThatTalksToTheCoordinatorFailsAndOneThatStartsATeamDoesNot() {
        assertThat(violations(RULES.clientsSteerThroughControl()))
                .anyMatch(v -> v.contains("Poke") && v.contains("Coordinator.post"))
                .noneMatch(v -> v.contains("Start"));
    }

    @Test
    void usingACoordinatorInternalFromOutsideFails() {
        assertThat(violations(RULES.coordinatorInternalsStayInside()))
                .isNotEmpty()
                .allMatch(v -> v.contains("Wiring") && v.contains("Member"));
    }
}
