package com.atrium;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Module boundaries, executed on every build. Each ArchUnit rule must match at least one class (no vacuous rules). */
class ModularityTests {
    static final ApplicationModules MODULES = ApplicationModules.of(AtriumApplication.class);
    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.atrium");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void accessKnowsNoFeatureModule() {
        noClasses().that().resideInAPackage("com.atrium.access..")
                .should().dependOnClassesThat().resideInAnyPackage("com.atrium.practice..", "com.atrium.household..",
                        "com.atrium.workgroup..", "com.atrium.web..", "com.atrium.demo..", "com.atrium.engagement..", "com.atrium.crm..")
                .allowEmptyShould(false)
                .check(CLASSES);
    }

    @Test
    void engagementKnowsNoCrm() {
        // the CRM listens to the engagement module's events; the engagement module never calls the CRM
        noClasses().that().resideInAPackage("com.atrium.engagement..")
                .should().dependOnClassesThat().resideInAnyPackage("com.atrium.crm..")
                .allowEmptyShould(false)
                .check(CLASSES);
    }

    @Test
    void controllersAndRepositoriesAreNotPublic() {
        classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .or().areAnnotatedWith(Repository.class)
                .should().notBePublic()
                .allowEmptyShould(false)
                .check(CLASSES);
    }

    @Test
    void onlyTheAccessModuleTouchesAccessTablesInSql() {
        // the repositories of other modules reference only their own tables; the access filter is injected as a predicate
        noClasses().that().resideOutsideOfPackage("com.atrium.access..")
                .should().dependOnClassesThat().haveSimpleName("AccessRules")
                .allowEmptyShould(false)
                .check(CLASSES);
    }
}
