package dev.opfunctions.functions.scheduledinstallment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InstallmentRunBudgetTest {

    @Test
    void theScheduledRunStartsNoPlanThatWouldNotLeaveTimeToFinishIt() {
        assertEquals(InstallmentRun.BUDGET, InstallmentRun.startBudget(), "no deadline: the fixed budget");
        assertEquals(
                InstallmentRun.BUDGET, Deadline.after(Duration.ofSeconds(58)).run(InstallmentRun::startBudget));
        Duration short30 = Deadline.after(Duration.ofSeconds(30)).run(InstallmentRun::startBudget);
        assertTrue(
                short30.compareTo(Duration.ofSeconds(15)) <= 0 && short30.compareTo(Duration.ofSeconds(14)) > 0,
                short30.toString());
        assertEquals(Duration.ZERO, Deadline.after(Duration.ofSeconds(10)).run(InstallmentRun::startBudget));
    }
}
