package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A port that is taken is one line naming the option that moves it, never a stack trace. */
class PortInUseTest {

    @Test
    void aTakenSandboxPortIsOneLineNamingSandboxPortBase() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The first provider, on base + 1, is the first bind: taking it fails the start there, whatever else
            // holds the ports above it (taking the admin port, bound last, failed when a provider's port was busy).
            int base = taken.getLocalPort() - 1;
            RunnerSettings settings =
                    RunnerOptions.parse(new String[] {"--sandbox-port-base", Integer.toString(base)}, Path.of("/repo"));

            UncheckedIOException failure =
                    assertThrows(UncheckedIOException.class, () -> SandboxWalletWorld.start(settings));
            String line = LocalRunner.portInUse(failure, settings).orElseThrow();

            assertFalse(line.contains("\n"), line);
            assertTrue(line.contains("--sandbox-port-base"), line);
            assertTrue(line.contains(":" + taken.getLocalPort()), "names the port: " + line);
        }
    }

    @Test
    void aTakenApiPortNamesPort() {
        RunnerSettings settings = RunnerOptions.parse(new String[] {"--port", "4000"}, Path.of("/repo"));

        String line = LocalRunner.portInUse(new java.net.BindException("Address already in use"), settings)
                .orElseThrow();

        assertTrue(line.startsWith("port 4000 is in use") && line.contains("--port"), line);
    }

    @Test
    void otherFailuresAreNotDisguisedAsPortProblems() {
        RunnerSettings settings = RunnerOptions.parse(new String[0], Path.of("/repo"));

        assertEquals(
                Optional.empty(),
                LocalRunner.portInUse(new UncheckedIOException(new java.io.IOException("disk full")), settings));
    }
}
