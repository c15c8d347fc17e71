package io.jixiao.scoring;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.jixiao.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** What the layout promises, checked on scoring-service's own classes (see {@link ArchitectureRules}). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.production("io.jixiao.scoring");

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.servicesStayApart("scoring").check(CLASSES);
    }

    @Test
    void theDomainKnowsNothingOfTheWebOrTheStores() {
        ArchitectureRules.domainKnowsNoInfrastructure().allowEmptyShould(true).check(CLASSES);
    }

    /**
     * The projection's tables are read only through its package ({@code projection.ReadModel}); the rule sets, the
     * published figures and the snapshots keep tables of their own. The form and the execution figures know no SQL.
     */
    @Test
    void onlyTheOwnersOfTablesTouchTheDatabase() {
        noClasses().that().resideInAPackage("io.jixiao.scoring..")
                .and().resideOutsideOfPackages("io.jixiao.scoring.projection..", "io.jixiao.scoring.rules..",
                        "io.jixiao.scoring.published..", "io.jixiao.scoring.snapshot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .because("the projection owns the read model's schema and exposes typed queries")
                .check(CLASSES);
    }
}
