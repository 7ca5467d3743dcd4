package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunnerOptionsTest {
  private static final Path REPO = Path.of("/repo");

  @Test
  void defaultsRunThroughTheRuntimeClientWithTheApiKeyOnPort4000() {
    RunnerSettings s = RunnerOptions.parse(new String[0], REPO);

    assertEquals(4000, s.port());
    assertEquals(RunnerSettings.ApiAuth.API_KEY, s.apiAuth());
    assertEquals(Optional.empty(), s.persistDir());
    assertEquals(false, s.direct());
    assertEquals(Optional.empty(), s.schedulePeriod(), "the template's rate");
  }

  @Test
  void everyOptionIsApplied() {
    RunnerSettings s = RunnerOptions.parse(new String[] {"--port", "0", "--persist", "state", "--direct", "--schedule-seconds", "5",
        "--sandbox-port-base", "0", "--wait-seconds", "1", "--api-auth", "NONE", "--visibility-timeout", "3"}, REPO);

    assertEquals(0, s.port());
    assertEquals(Path.of("state").toAbsolutePath(), s.persistDir().orElseThrow());
    assertTrue(s.direct());
    assertEquals(Duration.ofSeconds(5), s.schedulePeriod().orElseThrow());
    assertEquals(0, s.sandboxPortBase());
    assertEquals(1, s.sandboxWaitSeconds());
    assertEquals(RunnerSettings.ApiAuth.NONE, s.apiAuth());
    assertEquals(Duration.ofSeconds(3), s.visibilityTimeout());
  }

  @Test
  void badInputIsRefusedWithAMessageNamingTheOption() {
    assertEquals("unknown option --fast",
        assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[] {"--fast"}, REPO)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[] {"--port", "http"}, REPO))
        .getMessage().startsWith("--port takes a whole number"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[] {"--api-auth", "IAM"}, REPO))
        .getMessage().contains("cannot be emulated locally"));
    assertEquals("--persist needs a value",
        assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[] {"--persist"}, REPO)).getMessage());
  }
}
