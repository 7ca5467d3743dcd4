package dev.opfunctions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    @Test
    void failsFastNamingAMissingVariable() {
        var e = assertThrows(IllegalStateException.class, () -> FunctionConfig.from(Map.of("COMMANDS_QUEUE_URL", "q")));
        assertTrue(e.getMessage().contains("TABLE_NAME"), e.getMessage());
        var bad = assertThrows(
                IllegalStateException.class,
                () -> FunctionConfig.from(Map.of("TABLE_NAME", "t", "RETENTION_DAYS", "ninety")));
        assertTrue(bad.getMessage().contains("RETENTION_DAYS"));
        FunctionConfig ok = FunctionConfig.from(Map.of(
                "TABLE_NAME",
                "t",
                "ALLOWED_RETURN_ORIGINS",
                "https://a.example, https://b.example",
                "LOCAL_DEVELOPMENT",
                "true"));
        assertEquals(2, ok.allowedReturnOrigins().size());
        assertEquals(Duration.ofDays(90), ok.retention());
        assertTrue(ok.localDevelopment());
        assertEquals(
                Duration.ofMinutes(16),
                ok.sweepAfter(),
                "the production sweep bound unless SWEEP_AFTER_SECONDS shortens it");
        assertEquals(
                Duration.ofSeconds(20),
                FunctionConfig.from(Map.of("TABLE_NAME", "t", "SWEEP_AFTER_SECONDS", "20"))
                        .sweepAfter());
        var tooLong = assertThrows(
                IllegalStateException.class,
                () -> FunctionConfig.from(Map.of("TABLE_NAME", "t", "SWEEP_AFTER_SECONDS", "961")));
        assertTrue(tooLong.getMessage().contains("SWEEP_AFTER_SECONDS"), tooLong.getMessage());
    }

    @Test
    void settleLooksAreReadFromMillisecondsOrTurnedOff() {
        assertEquals(
                java.util.List.of(Duration.ofMillis(50), Duration.ofMillis(150), Duration.ofMillis(400)),
                FunctionConfig.from(Map.of("TABLE_NAME", "t")).settleLooks(),
                "the default");
        assertEquals(
                java.util.List.of(Duration.ofMillis(30), Duration.ofMillis(90)),
                FunctionConfig.from(Map.of("TABLE_NAME", "t", "SETTLE_LOOKS_MS", "30, 90"))
                        .settleLooks());
        assertTrue(FunctionConfig.from(Map.of("TABLE_NAME", "t", "SETTLE_LOOKS_MS", "none"))
                .settleLooks()
                .isEmpty());
        for (String bad : new String[] {"400,50", "2000", "soon"}) {
            var e = assertThrows(
                    IllegalStateException.class,
                    () -> FunctionConfig.from(Map.of("TABLE_NAME", "t", "SETTLE_LOOKS_MS", bad)));
            assertTrue(e.getMessage().contains("SETTLE_LOOKS_MS"), e.getMessage());
        }
    }
}
