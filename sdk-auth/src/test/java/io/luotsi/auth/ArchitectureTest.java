package io.luotsi.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sdk-auth's place in ARCHITECTURE.md: it uses sdk-core, Bouncy Castle, the Nimbus JOSE library and Apache Santuario
 * (XML-DSig), and knows no module above it. None of them shows in its public API; Nimbus is confined to the JWS package
 * and Santuario (with the JDK's DOM) to the XAdES package.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.auth");
    }

    @Test
    void importsTheMainClasses() {
        // Guards the other rules against passing vacuously on an empty import.
        for (String name : new String[] {"io.luotsi.auth.KeyMaterial", "io.luotsi.auth.Pkcs11Token",
                "io.luotsi.auth.jws.JwsVerifier", "io.luotsi.auth.jws.BatchSigner",
                "io.luotsi.auth.pki.CertificateValidator", "io.luotsi.auth.xades.XadesSignature",
                "io.luotsi.auth.tsp.TimestampToken"}) {
            if (!classes.contain(name)) {
                throw new AssertionError(name + " was not imported; the rules would pass vacuously");
            }
        }
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
        // sdk-core, Bouncy Castle, Nimbus JOSE, Santuario and the JDK. HTTP, JSON and resilience go through sdk-core's
        // own types.
        classes().that().resideInAPackage("io.luotsi.auth..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.luotsi.auth..", "io.luotsi.core..",
                        "org.bouncycastle..", "com.nimbusds..", "org.apache.xml.security..", "org.w3c.dom..",
                        "org.xml.sax..", "javax.xml..", "org.slf4j..", "java..", "javax.net..", "javax.security..",
                        "javax.crypto..")
                .check(classes);
        noClasses().that().resideInAPackage("io.luotsi.auth..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.github.tomakehurst..", "org.wiremock..", "picocli..", "org.junit..", "org.openjdk.jmh..",
                        "okhttp3..", "okio..", "io.github.resilience4j..", "com.fasterxml.jackson..", "kotlin..")
                .check(classes);
    }

    @Test
    void publicApiExposesNoBouncyCastleOrNimbusType() {
        DescribedPredicate<JavaCodeUnit> inPublicApi = new DescribedPredicate<>("in the public API") {
            @Override
            public boolean test(JavaCodeUnit m) {
                return (m.getModifiers().contains(JavaModifier.PUBLIC)
                        || m.getModifiers().contains(JavaModifier.PROTECTED)) && isPublicApi(m.getOwner());
            }
        };
        codeUnits().that(inPublicApi).should(new ArchCondition<>("use no third-party type in their signature") {
            @Override
            public void check(JavaCodeUnit m, ConditionEvents events) {
                for (JavaClass t : m.getAllInvolvedRawTypes()) {
                    if (isThirdParty(t)) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()));
                    }
                }
            }
        }).allowEmptyShould(false).check(classes);
        fields().that(new DescribedPredicate<JavaField>("public fields of the public API") {
            @Override
            public boolean test(JavaField f) {
                return f.getModifiers().contains(JavaModifier.PUBLIC) && isPublicApi(f.getOwner());
            }
        }).should(new ArchCondition<>("have no third-party type") {
            @Override
            public void check(JavaField f, ConditionEvents events) {
                if (isThirdParty(f.getRawType())) {
                    events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is a " + f.getRawType().getName()));
                }
            }
        }).allowEmptyShould(true).check(classes);
    }

    @Test
    void nimbusIsConfinedToTheJwsPackage() {
        noClasses().that().resideOutsideOfPackage("io.luotsi.auth.jws")
                .should().dependOnClassesThat().resideInAPackage("com.nimbusds..")
                .check(classes);
    }

    @Test
    void santuarioAndDomAreConfinedToTheXadesPackage() {
        noClasses().that().resideOutsideOfPackage("io.luotsi.auth.xades")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.xml.security..", "org.w3c.dom..",
                        "org.xml.sax..", "javax.xml..")
                .check(classes);
    }

    @Test
    void exceptionsDescendFromLuotsiException() {
        classes().that().resideInAPackage("io.luotsi.auth..").and().areAssignableTo(Throwable.class)
                .and().arePublic()
                .should().beAssignableTo(io.luotsi.core.LuotsiException.class)
                .check(classes);
    }

    private static boolean isPublicApi(JavaClass owner) {
        if (owner.getPackageName().contains(".internal")) {
            return false;
        }
        for (JavaClass c = owner; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isThirdParty(JavaClass t) {
        JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
        String pkg = base.getPackageName();
        return pkg.startsWith("org.bouncycastle") || pkg.startsWith("com.nimbusds")
                || pkg.startsWith("org.apache.xml.security") || pkg.startsWith("org.w3c.dom");
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
