package io.jixiao.budget;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.jixiao.testing.ArchitectureRules;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the layout promises, checked on budget-service's own classes (see {@link ArchitectureRules}). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.production("io.jixiao.budget");

    @Test
    void usesNoOtherServicesCode() {
        ArchitectureRules.servicesStayApart("budget").check(CLASSES);
    }

    @Test
    void theDomainKnowsNothingOfTheWebOrTheStores() {
        ArchitectureRules.domainKnowsNoInfrastructure().check(CLASSES);
    }

    /** The rules can fail: each finds the break planted in the fixtures (test classes, outside the scanned packages). */
    @Test
    void theRulesCatchABreak() {
        JavaClasses broken = new ClassFileImporter().importPackages("io.jixiao.archfixture", "io.jixiao.budget.archfixture");
        assertThat(ArchitectureRules.domainKnowsNoInfrastructure().evaluate(broken).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("LeakyAggregate") && line.contains("HttpStatus"));
        assertThat(ArchitectureRules.servicesStayApart("budget").evaluate(broken).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ReachesIntoScoring") && line.contains("ScoringInternals"));
        assertThat(ArchitectureRules.domainKnowsNoInfrastructure().evaluate(CLASSES).hasViolation()).isFalse();
    }
}
