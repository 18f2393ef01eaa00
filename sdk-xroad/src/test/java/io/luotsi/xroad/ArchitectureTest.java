package io.luotsi.xroad;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sdk-xroad's place in ARCHITECTURE.md: it may use sdk-core, sdk-auth, the JDK (StAX included) and SLF4J; it knows
 * nothing of the modules above it nor of other modules' internals, and its public API shows no third-party type.
 */
class ArchitectureTest {

    private static final List<String> THIRD_PARTY_PREFIXES = List.of(
            "okhttp3", "okio", "com.fasterxml", "io.github.resilience4j", "kotlin", "org.bouncycastle");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.xroad");
    }

    @Test
    void importsTheMainClasses() {
        // Guards the other rules against passing vacuously on an empty import.
        assertThatImported("io.luotsi.xroad.XRoadClient", "io.luotsi.xroad.internal.PercentCodec",
                "io.luotsi.xroad.rest.RestCall");
    }

    @Test
    void usesNoModuleAboveIt() {
        noClasses().that().resideInAPackage("io.luotsi.xroad..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.luotsi.testkit..", "io.luotsi.cli..", "io.luotsi.samples..", "io.luotsi.benchmarks..")
                .check(classes);
    }

    @Test
    void usesNoOtherModulesInternals() {
        noClasses().that().resideInAPackage("io.luotsi.xroad..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are in another module's internal package") {
                    @Override
                    public boolean test(JavaClass c) {
                        String pkg = c.getPackageName();
                        return pkg.startsWith("io.luotsi.") && !pkg.startsWith("io.luotsi.xroad")
                                && (pkg.contains(".internal") || pkg.endsWith(".internal"));
                    }
                })
                .check(classes);
    }

    @Test
    void usesOnlyItsAllowedLibraries() {
        classes().that().resideInAPackage("io.luotsi.xroad..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.luotsi.xroad..", "io.luotsi.core..", "io.luotsi.auth..",
                        "java..", "javax.xml..", "javax.net..", "javax.security..", "javax.crypto..",
                        "org.slf4j..", "org.w3c.dom..", "org.xml.sax..",
                        // the provider API reads requests from the JDK's own HTTP server (module jdk.httpserver)
                        "com.sun.net.httpserver..")
                .check(classes);
    }

    @Test
    void usesNoTestOrCliLibrariesInMainCode() {
        noClasses().that().resideInAPackage("io.luotsi.xroad..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.junit..", "org.assertj..", "com.tngtech..", "com.github.tomakehurst..",
                        "org.wiremock..", "picocli..", "mockwebserver3..", "okhttp3.mockwebserver..",
                        "org.openjdk.jmh..")
                .check(classes);
    }

    @Test
    void publicApiShowsNoThirdPartyType() {
        DescribedPredicate<JavaCodeUnit> inPublicApi = new DescribedPredicate<>("in the public API") {
            @Override
            public boolean test(JavaCodeUnit m) {
                return isPublicApi(m.getOwner()) && (m.getModifiers().contains(JavaModifier.PUBLIC)
                        || m.getModifiers().contains(JavaModifier.PROTECTED));
            }
        };
        ArchRuleDefinition.codeUnits().that(inPublicApi)
                .should(new ArchCondition<JavaCodeUnit>("use no third-party type in their signature") {
                    @Override
                    public void check(JavaCodeUnit m, ConditionEvents events) {
                        for (JavaClass t : m.getAllInvolvedRawTypes()) {
                            if (isThirdParty(t)) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes "
                                        + t.getName()));
                            }
                        }
                    }
                })
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void publicApiFieldsShowNoThirdPartyType() {
        ArchRuleDefinition.fields().that(new DescribedPredicate<JavaField>("public fields of the public API") {
            @Override
            public boolean test(JavaField f) {
                return isPublicApi(f.getOwner()) && f.getModifiers().contains(JavaModifier.PUBLIC);
            }
        }).should(new ArchCondition<JavaField>("have no third-party type") {
            @Override
            public void check(JavaField f, ConditionEvents events) {
                if (isThirdParty(f.getRawType())) {
                    events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is a " + f.getRawType().getName()));
                }
            }
        }).allowEmptyShould(true).check(classes);
    }

    @Test
    void publicApiThrowsNoCheckedExceptions() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                // IdentifierXml.read/write work on a caller's StAX reader or writer and pass its exceptions on.
                .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName("io.luotsi.xroad.IdentifierXml")
                // Callbacks the caller implements (body writers and readers, part handlers) work on StAX or streams
                // and may throw their checked exceptions; the SDK wraps them. They are marked as callbacks.
                .and().areDeclaredInClassesThat().areNotAnnotatedWith(io.luotsi.xroad.soap.Callback.class)
                .should(new ArchCondition<>("declare no checked exception") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaMethod m, ConditionEvents events) {
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
    void exceptionsDescendFromLuotsiException() {
        classes().that().resideInAPackage("io.luotsi.xroad..").and().areAssignableTo(Throwable.class)
                .and().arePublic().and().resideOutsideOfPackage("..internal..")
                .should().beAssignableTo(io.luotsi.core.LuotsiException.class)
                .check(classes);
    }

    @Test
    void logsOnlyThroughSlf4j() {
        noClasses().that().resideInAPackage("io.luotsi.xroad..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
                        "org.apache.logging..")
                .check(classes);
    }

    @Test
    void namesNoHelperUtilOrManager() {
        noClasses().that().resideInAPackage("io.luotsi.xroad..")
                .should().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils").orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Impl")
                .check(classes);
    }

    private static boolean isPublicApi(JavaClass owner) {
        if (owner.getPackageName().contains(".internal")) {
            return false;
        }
        JavaClass c = owner;
        while (c != null) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
            c = c.getEnclosingClass().orElse(null);
        }
        return true;
    }

    private static boolean isThirdParty(JavaClass t) {
        JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
        String pkg = base.getPackageName();
        return THIRD_PARTY_PREFIXES.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    private static void assertThatImported(String... names) {
        for (String n : names) {
            if (!classes.contain(n)) {
                throw new AssertionError("class " + n + " was not imported; the architecture rules would be vacuous");
            }
        }
    }
}
