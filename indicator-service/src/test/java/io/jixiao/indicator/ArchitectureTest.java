package io.jixiao.indicator;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.jixiao.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** What the layout promises, checked on indicator-service's own classes (see {@link ArchitectureRules}). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.production("io.jixiao.indicator");

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.servicesStayApart("indicator").check(CLASSES);
    }

    @Test
    void theDomainKnowsNothingOfTheWebOrTheStores() {
        ArchitectureRules.domainKnowsNoInfrastructure().check(CLASSES);
    }
}
