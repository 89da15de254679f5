package io.dmdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure the build keeps: every module's production classes, imported from the reactor's
 * output, checked against the rules the project's design states (see README "Architecture").
 */
class ArchitectureTest {
    private static final String[] SERVICES = {
        "io.dmdesk.intake..",
        "io.dmdesk.triage..",
        "io.dmdesk.casebridge..",
        "io.dmdesk.notifier..",
        "io.dmdesk.audit..",
        "io.dmdesk.sandbox.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dmdesk");
    }

    @Test
    void everyModuleIsChecked() {
        // The modules come in as the reactor's jars (verify) or class folders (test): both are imported.
        for (String root : new String[] {
            "io.dmdesk.contracts",
            "io.dmdesk.support",
            "io.dmdesk.intake",
            "io.dmdesk.triage",
            "io.dmdesk.casebridge",
            "io.dmdesk.notifier",
            "io.dmdesk.audit",
            "io.dmdesk.sandbox"
        }) {
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(root)), root + " not imported");
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.dmdesk.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noServiceImportsAnother() {
        for (String service : SERVICES) {
            String[] others =
                    Arrays.stream(SERVICES).filter(s -> !s.equals(service)).toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(service)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("services talk over Kafka topics and HTTP contracts, never through each other's classes")
                    .check(classes);
        }
    }

    /**
     * No raw store document outside the class that owns its collection ({@code @DocumentStore}) and the store
     * plumbing in {@code support.mongo}. No exception is left: the audit trail verifier, which must hash entries as
     * stored, reads them through {@code StoredChains} (the read-only {@code @DocumentStore} of the raw entries) as
     * plain maps.
     */
    @Test
    void storeDocumentsStayInsideStoreClasses() {
        ArchRule rule = noClasses()
                .that()
                .areNotAnnotatedWith("io.dmdesk.support.mongo.DocumentStore")
                .and()
                .areNotNestedClasses()
                .and()
                .resideOutsideOfPackage("io.dmdesk.support.mongo")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.bson.Document")
                .because(
                        "each collection has one typed record owned by one store class, which alone knows its field names");
        rule.check(classes);
    }

    @Test
    void contractsDependOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("io.dmdesk.contracts..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.dmdesk.support..", "io.dmdesk.testsupport..", "io.dmdesk.localstack..", "io.dmdesk.load..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICES)
                .because("every service reads the contracts; they must not pull any service or support code with them")
                .check(classes);
    }
}
