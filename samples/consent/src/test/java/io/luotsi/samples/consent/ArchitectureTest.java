package io.luotsi.samples.consent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sample is a reference for users: it may use every SDK module's public API, never an internal package, the CLI,
 * or a third-party library a user of the SDK would not see.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.samples");
    }

    @Test
    void importsTheSample() {
        assertThat(classes.contain(ConsentAwareRequest.class)).isTrue();
    }

    @Test
    void usesOnlyPublicSdkApi() {
        noClasses().that().resideInAPackage("io.luotsi.samples..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are internal, CLI or benchmark code") {
                    @Override
                    public boolean test(JavaClass c) {
                        String pkg = c.getPackageName();
                        return pkg.startsWith("io.luotsi.") && (pkg.contains(".internal") || pkg.startsWith("io.luotsi.cli")
                                || pkg.startsWith("io.luotsi.benchmarks"));
                    }
                })
                .check(classes);
    }

    @Test
    void usesNoThirdPartyLibraryDirectly() {
        noClasses().that().resideInAPackage("io.luotsi.samples..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "com.fasterxml..",
                        "io.github.resilience4j..", "com.github.tomakehurst..", "org.bouncycastle..", "picocli..")
                .check(classes);
    }
}
