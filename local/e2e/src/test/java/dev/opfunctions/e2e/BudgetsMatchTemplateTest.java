package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.functions.createoutgoing.CommandBatch;
import dev.opfunctions.functions.scheduledinstallment.InstallmentRun;
import dev.opfunctions.lambda.InvocationBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budgets in code assume the timeouts in template.yaml; this fails when one changes without the other. */
class BudgetsMatchTemplateTest {

    private final SamTemplate template = SamTemplate.load(Path.of(System.getProperty("repo.root"), "template.yaml"));

    private Duration functionTimeout(String logicalId) {
        Object own = template.propertiesOfType("AWS::Serverless::Function")
                .get(logicalId)
                .get("Timeout");
        Object timeout = own != null ? own : template.functionGlobals().get("Timeout");
        return Duration.ofSeconds(Long.parseLong(String.valueOf(timeout)));
    }

    @Test
    void theHttpApisIntegrationTimeoutIsTheOneStartCheckoutIsHeldTo() {
        Map<String, Object> integration =
                template.propertiesOfType("AWS::ApiGatewayV2::Integration").get("StartCheckoutIntegration");

        assertEquals(
                InvocationBudget.HTTP_API_TIMEOUT.toMillis(),
                Long.parseLong(String.valueOf(integration.get("TimeoutInMillis"))));
        assertTrue(
                functionTimeout("StartCheckoutFunction").compareTo(InvocationBudget.HTTP_API_TIMEOUT) <= 0,
                "a start-checkout that may run longer than the API waits would be cut mid-way");
    }

    @Test
    void createOutgoingAndTheScheduledRunHaveTimeForTheirFirstUnitOfWork() {
        Duration queueBudget = functionTimeout("CreateOutgoingFunction").minus(InvocationBudget.LAMBDA_MARGIN);
        Duration runBudget = functionTimeout("ScheduledInstallmentFunction").minus(InvocationBudget.LAMBDA_MARGIN);

        assertTrue(queueBudget.compareTo(CommandBatch.MIN_PER_MESSAGE) >= 0, queueBudget.toString());
        assertTrue(
                runBudget.compareTo(InstallmentRun.BUDGET.plus(InstallmentRun.LAST_PLAN)) >= 0, runBudget.toString());
    }
}
