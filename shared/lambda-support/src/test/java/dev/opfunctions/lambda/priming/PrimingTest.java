package dev.opfunctions.lambda.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.lambda.CapturedOutput;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Core;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void registeringOnAJvmWithoutCracNeitherFailsNorRunsTheSteps() {
        AtomicInteger runs = new AtomicInteger();

        Priming priming = Priming.register(new Priming.Step("count", runs::incrementAndGet));

        assertEquals(0, runs.get(), "org.crac's no-op context never calls the hooks");
        assertNull(priming.lastReport());
        // Without a CRaC runtime a checkpoint request is refused, and our hooks still do not run.
        assertThrows(Exception.class, Core::checkpointRestore);
        assertEquals(0, runs.get());
    }

    @Test
    void theCheckpointHookRunsEveryStepAndReportsFailuresInsteadOfThrowing() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Priming priming = new Priming(List.of(
                new Priming.Step("first", runs::incrementAndGet),
                new Priming.Step("broken", () -> {
                    throw new IllegalStateException("boom");
                }),
                new Priming.Step("last", runs::incrementAndGet)));

        try (CapturedOutput out = new CapturedOutput()) {
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);

            assertEquals(2, runs.get());
            assertEquals(List.of("broken"), priming.lastReport().failed());
            assertEquals(
                    "broken",
                    out.withMessage("priming step failed").get(0).path("step").asText());
            assertEquals("1", out.withMessage("primed").get(0).path("failed").asText());
        }
    }

    @Test
    void everyWarmupRunsOfflineInProcessWithoutAFailedStep() {
        Priming priming = new Priming(List.of(
                Warmups.json(),
                Warmups.httpResponses(),
                Warmups.orderParsing(),
                Warmups.finishHash(),
                Warmups.dynamoDb(),
                Warmups.sqs(),
                Warmups.signing(),
                SecretsWarmup.step()));

        Priming.Report report = priming.prime();

        assertEquals(List.of(), report.failed());
        assertTrue(report.millis() >= 0);
    }
}
