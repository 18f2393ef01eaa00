package io.luotsi.xroad.soap;

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
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SOAP packages: StAX only (no SAAJ, no DOM), JDK and Luotsi types only in the public API. */
class SoapArchitectureTest {

    private static JavaClasses classes;

    /** Callbacks the caller implements: they may throw what StAX and streams throw. */
    private static final Set<String> CALLBACKS = Set.of(
            "io.luotsi.xroad.soap.SoapBody$StaxWriter",
            "io.luotsi.xroad.soap.SoapMessage$SoapBodyReader",
            "io.luotsi.xroad.soap.SoapMessageDecoder$Handler");

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.xroad.soap");
    }

    @Test
    void usesNeitherSaajNorDom() {
        noClasses().that().resideInAPackage("io.luotsi.xroad.soap..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.xml.soap..", "jakarta..", "org.w3c.dom..",
                        "javax.xml.parsers..", "javax.xml.transform..", "org.xml.sax..")
                .check(classes);
    }

    @Test
    void usesOnlyTheJdkAndLuotsi() {
        noClasses().that().resideInAPackage("io.luotsi.xroad.soap..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.xml.stream..",
                        "javax.xml.namespace..", "io.luotsi.core..", "io.luotsi.auth..", "io.luotsi.xroad..", "org.slf4j..")
                .check(classes);
    }

    @Test
    void internalCodeDoesNotDependOnThePublicPackage() {
        noClasses().that().resideInAPackage("io.luotsi.xroad.soap.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.luotsi.xroad.soap")
                .check(classes);
    }

    @Test
    void publicApiExposesNoInternalType() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("io.luotsi.xroad.soap")
                .should(new ArchCondition<>("use no internal type in their signature") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        for (JavaClass t : m.getAllInvolvedRawTypes()) {
                            if (t.getPackageName().startsWith("io.luotsi.xroad.soap.internal")) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t));
                            }
                        }
                    }
                })
                .check(classes);
    }

    @Test
    void publicApiThrowsNoCheckedExceptionsExceptInCallbacks() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("io.luotsi.xroad.soap")
                .should(new ArchCondition<>("declare no checked exception") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        if (CALLBACKS.contains(m.getOwner().getName())) {
                            return;
                        }
                        m.getThrowsClause().getTypes().forEach(t -> {
                            if (!t.isAssignableTo(RuntimeException.class) && !t.isAssignableTo(Error.class)) {
                                events.add(SimpleConditionEvent.violated(m, m.getFullName() + " throws " + t.getName()));
                            }
                        });
                    }
                })
                .check(classes);
    }

    @Test
    void publicClassesAreFinalOrInterfacesOrRecords() {
        classes.stream()
                .filter(c -> c.getPackageName().equals("io.luotsi.xroad.soap"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && !c.isInterface() && !c.isEnum()
                        && !c.isRecord())
                .forEach(c -> {
                    // the shared base of the sync and async calls is abstract and cannot be extended elsewhere
                    boolean sealedBase = c.getModifiers().contains(JavaModifier.ABSTRACT)
                            && c.getConstructors().stream().noneMatch(k -> k.getModifiers().contains(
                                    JavaModifier.PUBLIC) || k.getModifiers().contains(JavaModifier.PROTECTED));
                    if (!c.getModifiers().contains(JavaModifier.FINAL) && !sealedBase) {
                        throw new AssertionError(c.getName() + " should be final");
                    }
                });
    }
}
