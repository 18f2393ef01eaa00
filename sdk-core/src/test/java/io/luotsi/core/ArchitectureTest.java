package io.luotsi.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sdk-core's place in ARCHITECTURE.md: it knows no X-Road and no module above it. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.core");
    }

    @Test
    void coreUsesNoOtherLuotsiModule() {
        noClasses().that().resideInAPackage("io.luotsi.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.luotsi.auth..", "io.luotsi.xroad..", "io.luotsi.testkit..", "io.luotsi.cli..",
                        "io.luotsi.samples..", "io.luotsi.benchmarks..")
                .check(classes);
    }

    @Test
    void coreKnowsNoXRoad() {
        noClasses().that().resideInAPackage("io.luotsi.core..")
                .should().haveSimpleNameContaining("XRoad")
                .check(classes);
    }

    @Test
    void coreUsesOnlyItsAllowedLibraries() {
        noClasses().that().resideInAPackage("io.luotsi.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.github.tomakehurst..", "org.wiremock..", "org.bouncycastle..", "picocli..",
                        "org.junit..", "org.openjdk.jmh..", "com.fasterxml.jackson.dataformat.yaml..",
                        "com.fasterxml.jackson.dataformat.csv..", "org.codehaus.stax2..")
                .check(classes);
    }

    /** jackson-dataformat-xml is allowed in core, in the XML codec adapter only (ADR 0007). */
    @Test
    void onlyTheXmlCodecAdapterUsesJacksonXml() {
        noClasses().that().resideInAPackage("io.luotsi.core..")
                .and().doNotHaveFullyQualifiedName("io.luotsi.core.xml.JacksonXmlCodec")
                .and().resideOutsideOfPackage("io.luotsi.core.xml")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.dataformat.xml..",
                        "com.ctc.wstx..")
                .check(classes);
        noClasses().that().resideInAPackage("io.luotsi.core.xml")
                .and().doNotHaveFullyQualifiedName("io.luotsi.core.xml.JacksonXmlCodec")
                .and().haveNameNotMatching("io\\.luotsi\\.core\\.xml\\.JacksonXmlCodec\\$.*")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void onlyAdaptersExposeThirdPartyTypes() {
        Set<String> adapters = Set.of("io.luotsi.core.http.OkHttpTransport", "io.luotsi.core.json.JacksonJsonCodec",
                "io.luotsi.core.xml.JacksonXmlCodec");
        DescribedPredicate<JavaMethod> inPublicApi = new DescribedPredicate<>("in the public API") {
            @Override
            public boolean test(JavaMethod m) {
                return m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                        && m.getOwner().getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                        && !m.getOwner().getPackageName().contains(".internal")
                        && !adapters.contains(m.getOwner().getName());
            }
        };
        methods().that(inPublicApi).should(new ArchCondition<>("use no third-party type in their signature") {
            @Override
            public void check(JavaMethod m, ConditionEvents events) {
                for (JavaClass t : m.getAllInvolvedRawTypes()) {
                    String pkg = t.getPackageName();
                    if (pkg.startsWith("okhttp3") || pkg.startsWith("okio") || pkg.startsWith("com.fasterxml")
                            || pkg.startsWith("io.github.resilience4j") || pkg.startsWith("kotlin")) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()));
                    }
                }
            }
        }).check(classes);
    }

    @Test
    void publicApiThrowsNoCheckedExceptions() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName("io.luotsi.core.http.HttpTransport")
                .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName("io.luotsi.core.http.OkHttpTransport")
                .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName("io.luotsi.core.http.RequestBody")
                .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName(
                        "io.luotsi.core.http.RequestBody$BodyWriter")
                .should(new ArchCondition<>("declare no checked exception") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        m.getThrowsClause().getTypes().forEach(t -> {
                            if (!t.isAssignableTo(RuntimeException.class) && !t.isAssignableTo(Error.class)) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " throws " + t.getName()));
                            }
                        });
                    }
                })
                .check(classes);
    }
}
