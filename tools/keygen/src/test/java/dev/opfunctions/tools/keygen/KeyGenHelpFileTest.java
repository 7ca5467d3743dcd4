package dev.opfunctions.tools.keygen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** bin/keygen answers --help from bin/help/keygen.txt without building: it must be the command's own usage. */
class KeyGenHelpFileTest {

    @Test
    void keygenHelpFileIsTheCommandsUsage() throws Exception {
        var out = new ByteArrayOutputStream();
        KeyGenCli.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String usage = out.toString(StandardCharsets.UTF_8);
        Path file = Path.of(System.getProperty("repo.root"), "bin/help/keygen.txt");
        if (Boolean.getBoolean("bin.help.update")) Files.writeString(file, usage);
        assertEquals(usage, Files.readString(file), "stale: rerun with -Dbin.help.update=true");
    }
}
