package io.luotsi.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sdk-testkit's place in ARCHITECTURE.md: it may use everything above it (core, auth, xroad), WireMock, the JUnit
 * Jupiter API, Jackson and Bouncy Castle; nothing below it, no picocli, no other module's {@code internal} package.
 */
class ArchitectureTest {

    private static final List<String> ALLOWED = List.of("java.", "javax.", "io.luotsi.core.",
            "io.luotsi.auth.", "io.luotsi.xroad.", "io.luotsi.testkit.", "com.github.tomakehurst.wiremock.",
            "wiremock.", "org.junit.jupiter.api.", "org.junit.platform.commons.", "org.opentest4j.",
            "com.fasterxml.jackson.", "org.bouncycastle.", "org.slf4j.",
            // FakeMandateService serves on the JDK's own HTTP server (module jdk.httpserver)
            "com.sun.net.httpserver.");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.testkit");
    }

    @Test
    void testkitUsesNothingBelowItAndNoCommandLineLibrary() {
        noClasses().that().resideInAPackage("io.luotsi.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.luotsi.cli..", "io.luotsi.samples..",
                        "io.luotsi.benchmarks..", "picocli..")
                .check(classes);
    }

    @Test
    void testkitUsesNoOtherModulesInternalPackage() {
        noClasses().that().resideInAPackage("io.luotsi.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.luotsi.core.internal..",
                        "io.luotsi.auth.internal..", "io.luotsi.xroad.internal..")
                .check(classes);
    }

    @Test
    void testkitUsesOnlyItsAllowedLibraries() {
        classes().that().resideInAPackage("io.luotsi.testkit..")
                .should(new ArchCondition<>("depend only on the JDK, Luotsi, WireMock, JUnit Jupiter API, Jackson, "
                        + "Bouncy Castle and SLF4J") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        c.getDirectDependenciesFromSelf().forEach(d -> {
                            String target = d.getTargetClass().getBaseComponentType().getName();
                            if (!d.getTargetClass().getBaseComponentType().isPrimitive()
                                    && ALLOWED.stream().noneMatch(target::startsWith)) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        });
                    }
                })
                .check(classes);
    }

    @Test
    void soapStacksOfOthersStayInTheTests() {
        // SAAJ (and CXF) are test-scope interoperability partners, never a dependency of the library.
        noClasses().that().resideInAPackage("io.luotsi.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.xml.soap..", "javax.xml.soap..",
                        "com.sun.xml.messaging..", "org.apache.cxf..")
                .check(classes);
    }

    @Test
    void wireMockStaysInTheInternalPackage() {
        noClasses().that().resideInAPackage("io.luotsi.testkit")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.tomakehurst..", "wiremock..")
                .check(classes);
    }

    @Test
    void publicApiClassesAreFinal() {
        classes().that().resideInAPackage("io.luotsi.testkit").and().arePublic().and().areNotInterfaces()
                .and().areNotEnums().and().areNotRecords().and().areNotAnnotations()
                .should().haveModifier(JavaModifier.FINAL)
                .check(classes);
    }

    @Test
    void publicApiThrowsNoCheckedExceptions() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("io.luotsi.testkit")
                .should(new ArchCondition<>("declare no checked exception") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        m.getThrowsClause().getTypes().forEach(t -> {
                            if (!t.isAssignableTo(RuntimeException.class) && !t.isAssignableTo(Error.class)) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " throws "
                                        + t.getName()));
                            }
                        });
                    }
                })
                .check(classes);
    }

    @Test
    void namesAreNotGrabBags() {
        noClasses().that().resideInAPackage("io.luotsi.testkit..")
                .should().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Impl")
                .check(classes);
    }

    @Test
    void noStandardStreamsNoJavaUtilLogging() {
        noClasses().that().resideInAPackage("io.luotsi.testkit..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .orShould(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
                .check(classes);
    }
}
