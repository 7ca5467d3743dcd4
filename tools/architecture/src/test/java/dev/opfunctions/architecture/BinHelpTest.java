package dev.opfunctions.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bin/ command answers {@code --help} at once: it prints its usage and exits 0 without starting a
 * build. Maven, Java, Node and Python are replaced on the PATH by stubs that leave a mark, so a command
 * that would build or start anything is caught whatever the machine's speed.
 */
class BinHelpTest {

    private static final Path REPO = Path.of(System.getProperty("repo.root"));

    static Stream<String> commands() throws Exception {
        try (Stream<Path> files = Files.list(REPO.resolve("bin"))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void answersHelpWithoutBuildingOrStartingAnything(String command, @TempDir Path stubs) throws Exception {
        Path mark = stubs.resolve("ran");
        for (String tool : List.of("mvn", "java", "node", "npm", "python3", "moto_server")) {
            Path stub = stubs.resolve(tool);
            Files.writeString(stub, "#!/bin/sh\necho \"$0 $*\" >> " + mark + "\nexit 97\n");
            assertTrue(stub.toFile().setExecutable(true));
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "bin/" + command, "--help")
                .directory(REPO.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", stubs + ":/usr/bin:/bin");
        pb.environment().remove("JAVA_HOME");

        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "bin/" + command + " --help did not return");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, p.exitValue(), "bin/" + command + " --help exit code; output:\n" + out);
        assertFalse(
                Files.exists(mark),
                "bin/" + command + " --help ran " + (Files.exists(mark) ? Files.readString(mark) : ""));
        assertTrue(out.toLowerCase(java.util.Locale.ROOT).contains("usage") || out.length() > 80, out);
    }
}
