package io.jixiao.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What the module layout promises, as rules each module's {@code ArchitectureTest} checks on its own classes:
 * the services never use each other's code (they talk over HTTP and Kafka, through contracts), contracts depend on
 * nothing of ours, and the domain (aggregates and the state they decide on) knows nothing of the web, HTTP,
 * JDBC, JPA or Kafka.
 */
public final class ArchitectureRules {

    /** The services' root packages. */
    public static final List<String> SERVICES = List.of("budget", "indicator", "scoring", "gateway");

    private static final String[] INFRASTRUCTURE = {"..web..", "org.springframework.web..", "org.springframework.http..",
            "org.springframework.jdbc..", "jakarta.persistence..", "org.springframework.kafka..", "org.apache.kafka.."};

    private ArchitectureRules() {
    }

    /** The production classes of these packages (tests left out). */
    public static JavaClasses production(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(packages);
    }

    /** A class of service {@code own} never names a class of another service. */
    public static ArchRule servicesStayApart(String own) {
        String[] others = SERVICES.stream().filter(s -> !s.equals(own)).map(s -> "io.jixiao." + s + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.jixiao." + own + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk over HTTP and Kafka, through contracts, never through each other's code");
    }

    /** contracts, at the bottom, depends on nothing of ours: only on the JDK and Jackson. */
    public static ArchRule contractsStandAlone() {
        return classes().that().resideInAPackage("io.jixiao.contracts..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.jixiao.contracts..", "java..",
                        "com.fasterxml.jackson.annotation..", "tools.jackson..")
                .because("every service and the importer build on contracts; it must not pull anything of theirs in");
    }

    /**
     * Aggregates, and the state and ledgers they decide on, know nothing of the web or of persistence: a refusal
     * is a domain exception with a kind, which the web layer maps to a status.
     */
    public static ArchRule domainKnowsNoInfrastructure() {
        return noClasses().that().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                .or().haveSimpleNameEndingWith("State").or().haveSimpleNameEndingWith("Ledger")
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("the domain decides; the web and the stores around it are details");
    }
}
