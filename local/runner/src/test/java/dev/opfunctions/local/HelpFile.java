package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

/** Compares a committed bin/help file with a usage text; {@code -Dbin.help.update=true} rewrites it instead. */
final class HelpFile {
    private HelpFile() {}

    static void check(Path relative, String usage) throws Exception {
        Path file = Path.of(System.getProperty("repo.root")).resolve(relative);
        if (Boolean.getBoolean("bin.help.update")) Files.writeString(file, usage);
        assertEquals(usage, Files.readString(file), relative + " is stale: rerun with -Dbin.help.update=true");
    }
}
