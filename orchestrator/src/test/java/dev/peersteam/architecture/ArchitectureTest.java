package dev.peersteam.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The product's classes hold the layering rules (docs/architecture.md#layers). */
class ArchitectureTest {
    private static final ArchitectureRules RULES = new ArchitectureRules("dev.peersteam");
    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.peersteam");
    }

    @Test
    void noPackageCycles() {
        RULES.noPackageCycles().check(product);
    }

    @Test
    void purePartsDoNoIo() {
        RULES.purePartsDoNoIo().check(product);
    }

    @Test
    void onlySessionAndProtocolEncodeFrames() {
        RULES.onlySessionAndProtocolEncodeFrames().check(product);
    }

    @Test
    void framesStayWithTheirReaders() {
        RULES.framesStayWithTheirReaders().check(product);
    }

    @Test
    void clientsSteerThroughControl() {
        RULES.clientsSteerThroughControl().check(product);
    }

    @Test
    void coordinatorInternalsStayInside() {
        RULES.coordinatorInternalsStayInside().check(product);
    }
}
