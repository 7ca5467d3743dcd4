package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How MotoServer picks its Python and what it says when none will do. */
class MotoServerTest {

    /** An "interpreter" that behaves like a Python without moto: the launcher's import fails with exit code 3. */
    private static String pythonWithoutMoto(Path dir) throws Exception {
        Path fake = dir.resolve("python-without-moto");
        Files.writeString(fake, "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake.toString();
    }

    @Test
    void skipsInterpretersWithoutMotoAndMissingOnesAndUsesTheNext(@TempDir Path dir) throws Exception {
        String realPython = MotoPython.candidates().stream().findFirst().orElseThrow();
        List<String> candidates = List.of(dir.resolve("no-such-python").toString(), pythonWithoutMoto(dir), realPython);

        try (MotoServer server = MotoServer.start(candidates, Optional.empty())) {
            assertEquals(realPython, server.python());
            assertTrue(
                    server.endpoint().toString().startsWith("http://127.0.0.1:"),
                    server.endpoint().toString());
        }
    }

    @Test
    void saysHowToInstallMotoWhenNoInterpreterHasIt(@TempDir Path dir) throws Exception {
        String withoutMoto = pythonWithoutMoto(dir);

        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> MotoServer.start(List.of(withoutMoto), Optional.empty()));

        assertTrue(
                e.getMessage().contains(withoutMoto)
                        && e.getMessage().contains("bin/moto-python")
                        && e.getMessage().contains(MotoPython.PINNED),
                e.getMessage());
    }

    @Test
    void saysToInstallPythonWhenThereIsNone() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> MotoServer.start(List.of(), Optional.empty()));

        assertTrue(
                e.getMessage().contains("No Python 3 found") && e.getMessage().contains("python3-venv"),
                e.getMessage());
    }

    @Test
    void aBrokenStateFileFailsTheStartWithMotosOwnWords(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("tables.json");
        Files.writeString(state, "{not json");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MotoServer.start(Optional.of(state)));

        assertTrue(e.getMessage().contains("JSONDecodeError"), e.getMessage());
    }
}
