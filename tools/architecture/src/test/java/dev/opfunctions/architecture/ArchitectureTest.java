package dev.opfunctions.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the product, checked on its compiled classes (tests excluded). A broken rule
 * fails the build and names the rule, the class and the dependency that broke it.
 */
class ArchitectureTest {

    private static final String[] LOCAL_TOOLING = {
        "dev.opfunctions.local..",
        "dev.opfunctions.sandbox..",
        "dev.opfunctions.aws.local..",
        "dev.opfunctions.openapi..",
        "dev.opfunctions.tools.."
    };
    private static final List<String> FUNCTIONS =
            List.of("startcheckout", "consentfinish", "createoutgoing", "scheduledinstallment", "deliverevents");

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.opfunctions");
    }

    @Test
    void theOpenPaymentsClientDependsOnNothingOfOurs() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.opfunctions.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.opfunctions.checkout..",
                        "dev.opfunctions.aws..",
                        "dev.opfunctions.lambda..",
                        "dev.opfunctions.functions..",
                        "dev.opfunctions.local..",
                        "dev.opfunctions.sandbox..",
                        "dev.opfunctions.openapi..",
                        "dev.opfunctions.tools..")
                .because(
                        "the Open Payments client is a library of its own, usable outside this product and outside Lambda");
        rule.check(product);
    }

    @Test
    void theDomainKnowsNoAwsLambdaLoggingOrLocalCode() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.opfunctions.checkout..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "com.amazonaws..",
                        "org.slf4j..",
                        "org.apache.logging..",
                        "dev.opfunctions.aws..",
                        "dev.opfunctions.lambda..",
                        "dev.opfunctions.functions..",
                        "dev.opfunctions.local..",
                        "dev.opfunctions.sandbox..",
                        "dev.opfunctions.openapi..")
                .because(
                        "the checkout domain talks to the world only through its ports, so it runs on in-memory fakes");
        rule.check(product);
    }

    @Test
    void noProductCodeDependsOnLocalTooling() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.opfunctions.client..",
                        "dev.opfunctions.checkout..",
                        "dev.opfunctions.lambda..",
                        "dev.opfunctions.functions..")
                .or()
                .resideInAPackage("dev.opfunctions.aws")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(LOCAL_TOOLING)
                .because(
                        "the local stack, the wallet sandbox and the spec validator are tools for development and tests, never shipped");
        rule.check(product);
    }

    @Test
    void theAwsAdaptersKnowNoLambdaPlumbingOrFunction() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.opfunctions.aws")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.opfunctions.lambda..", "dev.opfunctions.functions..", "com.amazonaws..")
                .because(
                        "the AWS adapters implement the domain's ports; functions and Lambda plumbing build on them, not the other way");
        rule.check(product);
    }

    @Test
    void eachFunctionIsItsOwnAndItsHandlerOnlyUsesItsAdapterAndTheSharedLambdaSupport() {
        for (String fn : FUNCTIONS) {
            String mine = "dev.opfunctions.functions." + fn;
            String[] others = FUNCTIONS.stream()
                    .filter(f -> !f.equals(fn))
                    .map(f -> "dev.opfunctions.functions." + f + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(mine + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("a function's jar carries its own routes only")
                    .check(product);
            classes()
                    .that()
                    .resideInAPackage(mine)
                    .and()
                    .haveSimpleNameEndingWith("Handler")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(
                            mine, "dev.opfunctions.lambda..", "java..", "com.amazonaws.services.lambda.runtime..")
                    .because("handlers are adapters: decode the event, call the function's adapter, encode the result")
                    .check(product);
        }
    }
}
