package io.jixiao.scoring;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.jixiao.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

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
}
