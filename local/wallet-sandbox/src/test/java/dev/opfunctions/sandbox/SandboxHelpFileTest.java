package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** bin/sandbox answers --help from bin/help/sandbox.txt without building: it must be the sandbox's own usage. */
class SandboxHelpFileTest {

    @Test
    void sandboxHelpFileIsTheSandboxsUsage() throws Exception {
        Path file = Path.of(System.getProperty("repo.root"), "bin/help/sandbox.txt");
        if (Boolean.getBoolean("bin.help.update")) Files.writeString(file, SandboxOptions.usage());
        assertEquals(SandboxOptions.usage(), Files.readString(file), "stale: rerun with -Dbin.help.update=true");
    }
}
