package dev.opfunctions.checkout.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryScheduleTest {

    @Test
    void startsWithTheStandardWebhooksStepsAndSpansAtLeastThreeDays() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), DeliverySchedule.after(1));
        assertEquals(Optional.of(Duration.ofMinutes(5)), DeliverySchedule.after(2));
        assertEquals(Optional.of(Duration.ofHours(10)), DeliverySchedule.after(7));
        assertEquals(Optional.of(Duration.ofHours(14)), DeliverySchedule.after(8));
        assertTrue(DeliverySchedule.span().compareTo(Duration.ofDays(3)) >= 0);
        Duration withoutLast = DeliverySchedule.span()
                .minus(DeliverySchedule.after(DeliverySchedule.maxAttempts() - 1)
                        .orElseThrow());
        assertTrue(withoutLast.compareTo(Duration.ofDays(3)) < 0, "no attempt more than needed");
    }

    @Test
    void hasNoWaitAfterTheLastAttempt() {
        assertEquals(Optional.empty(), DeliverySchedule.after(DeliverySchedule.maxAttempts()));
        assertEquals(12, DeliverySchedule.maxAttempts());
    }
}
