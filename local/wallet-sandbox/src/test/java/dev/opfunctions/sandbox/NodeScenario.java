package dev.opfunctions.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one Node script of {@code local/node/conformance} and captures what it printed. */
final class NodeScenario {

    /** The exit code and the output of a run. */
    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private NodeScenario() {}

    static Path nodeDir() {
        return Path.of(System.getProperty("repo.root", "../.."))
                .resolve("local/node")
                .toAbsolutePath()
                .normalize();
    }

    /** Whether {@code bin/node-deps} has installed the npm packages. */
    static boolean dependenciesInstalled() {
        return Files.isDirectory(nodeDir().resolve("node_modules/@interledger/open-payments"));
    }

    static Result run(String script, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path dir = nodeDir();
        List<String> command = new ArrayList<>(List.of("node", "conformance/" + script));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        File out = Files.createTempFile("node-out", ".txt").toFile();
        File err = Files.createTempFile("node-err", ".txt").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process process = pb.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, Files.readString(out.toPath()), Files.readString(err.toPath()) + "\n(timed out)");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }
}
