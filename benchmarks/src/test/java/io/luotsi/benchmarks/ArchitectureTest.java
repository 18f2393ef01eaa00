package io.luotsi.benchmarks;

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
 * Benchmarks measure what users get: they may use every SDK module and JMH (plus the raw libraries they compare
 * against), but not the CLI or samples. Internal packages are allowed only where a hot path has no public entry.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("jmh_generated"))
                .importPackages("io.luotsi.benchmarks");
    }

    @Test
    void importsTheBenchmarks() {
        assertThat(classes.contain(RestCallBenchmark.class)).isTrue();
    }

    @Test
    void usesNoCliOrSample() {
        noClasses().that().resideInAPackage("io.luotsi.benchmarks..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are CLI or sample code") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.getPackageName().startsWith("io.luotsi.cli")
                                || c.getPackageName().startsWith("io.luotsi.samples");
                    }
                })
                .check(classes);
    }
}
