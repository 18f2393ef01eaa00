package io.luotsi.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sdk-auth's place in ARCHITECTURE.md: it uses sdk-core and Bouncy Castle, and knows no module above it. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.auth");
    }

    @Test
    void authUsesNoModuleAboveIt() {
        noClasses().that().resideInAPackage("io.luotsi.auth..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.luotsi.xroad..", "io.luotsi.testkit..", "io.luotsi.cli..", "io.luotsi.samples..",
                        "io.luotsi.benchmarks..")
                .check(classes);
    }

    @Test
    void authUsesOnlyItsAllowedLibraries() {
        // sdk-core, Bouncy Castle and the JDK. HTTP, JSON and resilience go through sdk-core's own types.
        noClasses().that().resideInAPackage("io.luotsi.auth..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.github.tomakehurst..", "org.wiremock..", "picocli..", "org.junit..", "org.openjdk.jmh..",
                        "okhttp3..", "okio..", "io.github.resilience4j..", "com.fasterxml.jackson..", "kotlin..")
                .check(classes);
    }

    @Test
    void publicApiExposesNoBouncyCastleType() {
        DescribedPredicate<JavaMethod> inPublicApi = new DescribedPredicate<>("in the public API") {
            @Override
            public boolean test(JavaMethod m) {
                return m.getModifiers().contains(JavaModifier.PUBLIC)
                        && m.getOwner().getModifiers().contains(JavaModifier.PUBLIC)
                        && !m.getOwner().getPackageName().contains(".internal");
            }
        };
        methods().that(inPublicApi).should(new ArchCondition<>("use no third-party type in their signature") {
            @Override
            public void check(JavaMethod m, ConditionEvents events) {
                for (JavaClass t : m.getAllInvolvedRawTypes()) {
                    if (t.getPackageName().startsWith("org.bouncycastle")) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()));
                    }
                }
            }
        }).check(classes);
    }

    @Test
    void publicApiThrowsNoCheckedExceptions() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should(new ArchCondition<>("declare no checked exception") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        m.getThrowsClause().getTypes().forEach(t -> {
                            if (!t.isAssignableTo(RuntimeException.class) && !t.isAssignableTo(Error.class)) {
                                events.add(SimpleConditionEvent.violated(m,
                                        m.getFullName() + " throws " + t.getName()));
                            }
                        });
                    }
                })
                .check(classes);
    }

    @Test
    void changesNoJvmWideSecuritySetting() {
        noClasses().that().resideInAPackage("io.luotsi.auth..")
                .should().callMethod(java.security.Security.class, "addProvider", java.security.Provider.class)
                .orShould().callMethod(java.security.Security.class, "insertProviderAt", java.security.Provider.class,
                        int.class)
                .orShould().callMethod(java.security.Security.class, "setProperty", String.class, String.class)
                .orShould().callMethod(javax.net.ssl.SSLContext.class, "setDefault", javax.net.ssl.SSLContext.class)
                .orShould().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultSSLSocketFactory",
                        javax.net.ssl.SSLSocketFactory.class)
                .orShould().callMethod(System.class, "setProperty", String.class, String.class)
                .check(classes);
    }

    @Test
    void publicClassesAreFinalAndNamedAsTheStyleSays() {
        classes().that().resideInAPackage("io.luotsi.auth..").and().arePublic().and().areTopLevelClasses()
                .and().areNotInterfaces()
                .should().haveModifier(JavaModifier.FINAL)
                .check(classes);
        noClasses().that().resideInAPackage("io.luotsi.auth..")
                .should().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Impl")
                .check(classes);
    }

    @Test
    void logsOnlyThroughSlf4j() {
        noClasses().that().resideInAPackage("io.luotsi.auth..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
                        "org.apache.logging.log4j..")
                .check(classes);
    }
}
