package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** bin/sandbox on a taken port says so in one line naming --port-base, never with a stack trace. */
class SandboxPortInUseTest {

    @Test
    void aTakenProviderPortIsOneLineNamingPortBase() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int base = taken.getLocalPort() - 1; // the first provider listens on base + 1
            var failure = assertThrows(
                    UncheckedIOException.class,
                    () -> WalletSandbox.start(SandboxConfig.demoWorld().withPortsFrom(base)));

            String line = SandboxMain.portInUse(failure).orElseThrow();

            assertFalse(line.contains("\n"), line);
            assertTrue(line.contains(":" + taken.getLocalPort()) && line.contains("--port-base"), line);
        }
    }

    @Test
    void aTakenAdminPortIsOneLineNamingTheAdminApi() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var failure = assertThrows(
                    UncheckedIOException.class,
                    // The providers on free ports, so only the admin API's bind can fail.
                    () -> WalletSandbox.start(SandboxConfig.demoWorld().withAdminPort(taken.getLocalPort())));

            String line = SandboxMain.portInUse(failure).orElseThrow();

            assertTrue(line.contains(":" + taken.getLocalPort() + " (its admin API)"), line);
        }
    }
}
