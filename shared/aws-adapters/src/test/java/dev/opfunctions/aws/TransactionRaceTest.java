package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Which cancelled transactions the store reports as a lost race (reload and decide again) rather than a failure. */
class TransactionRaceTest {

    private static TransactionCanceledException cancelled(String... codes) {
        CancellationReason[] reasons = new CancellationReason[codes.length];
        for (int i = 0; i < codes.length; i++)
            reasons[i] = CancellationReason.builder().code(codes[i]).build();
        return TransactionCanceledException.builder()
                .cancellationReasons(reasons)
                .message("cancelled")
                .build();
    }

    @Test
    void aFailedVersionCheckIsARace() {
        assertTrue(DynamoCheckoutStore.isRace(cancelled("ConditionalCheckFailed", "None")));
        assertTrue(DynamoCheckoutStore.isRace(cancelled("None", "ConditionalCheckFailed")));
    }

    @Test
    void aConcurrentTransactionOnTheItemIsARace() {
        assertTrue(DynamoCheckoutStore.isRace(cancelled("TransactionConflict", "None")));
    }

    @Test
    void throttlingOrValidationIsNotARace() {
        assertFalse(DynamoCheckoutStore.isRace(cancelled("ThrottlingError", "None")));
        assertFalse(DynamoCheckoutStore.isRace(cancelled("ValidationError", "None")));
    }
}
