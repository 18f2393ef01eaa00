package io.luotsi.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sdk-cli's place in ARCHITECTURE.md: it may use every SDK module and picocli, but no module's internals. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.luotsi.cli");
    }

    @Test
    void importsTheCommands() {
        assertThat(classes.contain("io.luotsi.cli.Luotsi")).isTrue();
        assertThat(classes.contain("io.luotsi.cli.RestCommand")).isTrue();
    }

    @Test
    void usesNoSampleOrBenchmark() {
        noClasses().that().resideInAPackage("io.luotsi.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.luotsi.samples..", "io.luotsi.benchmarks..")
                .check(classes);
    }

    @Test
    void usesNoModulesInternals() {
        noClasses().that().resideInAPackage("io.luotsi.cli..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are in another module's internal package") {
                    @Override
                    public boolean test(JavaClass c) {
                        String pkg = c.getPackageName();
                        return pkg.startsWith("io.luotsi.") && !pkg.startsWith("io.luotsi.cli")
                                && (pkg.contains(".internal.") || pkg.endsWith(".internal"));
                    }
                })
                .check(classes);
    }

    @Test
    void usesOnlyItsAllowedLibraries() {
        classes().that().resideInAPackage("io.luotsi.cli..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.luotsi..", "picocli..", "java..", "javax..", "org.slf4j..")
                .check(classes);
    }
}
