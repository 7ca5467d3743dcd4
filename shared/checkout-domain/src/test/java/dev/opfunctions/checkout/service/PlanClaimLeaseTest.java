package dev.opfunctions.checkout.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A claim on an installment leaves most of a short interval for the retry that follows a lost hand-over. */
class PlanClaimLeaseTest {

    private final PlanSettings plans = PlanSettings.defaults();

    @Test
    void aOneMinutePlanIsClaimedForFifteenSecondsNotTwoMinutes() {
        assertEquals(Duration.ofSeconds(15), plans.claimLease(Duration.ofMinutes(1)));
    }

    @Test
    void aFourMinutePlanIsClaimedForAQuarterOfItsInterval() {
        assertEquals(Duration.ofMinutes(1), plans.claimLease(Duration.ofMinutes(4)));
    }

    @Test
    void aMonthlyPlanKeepsThePrepareLease() {
        assertEquals(plans.prepareLease(), plans.claimLease(Duration.ofDays(28)));
    }
}
