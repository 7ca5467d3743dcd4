package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.aws.local.RicProcess;
import dev.opfunctions.local.fixtures.SlowHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's execution environments survive what broke them before: a child JVM killed in the
 * middle of an invocation (that invocation fails at once with Runtime.ExitError, the next runs in a
 * fresh child) or while idle (replaced without waiting for an invocation), and a jar rewritten or
 * deleted by a rebuild while the function runs (the function keeps running from its copy).
 */
class RicFunctionRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLER = SlowHandler.class.getName() + "::handleRequest";
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path repo;

    @Test
    void aChildKilledMidInvocationFailsThatInvocationAtOnceAndTheNextRunsInAFreshOne() throws Exception {
        try (RicLauncher launcher = new RicLauncher(settings(List.of(testClasses())))) {
            RicFunction function = (RicFunction) launcher.launch(definition(Duration.ofSeconds(60)), Map.of());
            try {
                long first = pidOf(function.invoke("{}"));
                CompletableFuture<InvocationResult> slow =
                        CompletableFuture.supplyAsync(() -> invoke(function, "{\"sleepMs\":20000}"));
                waitUntil(
                        "the handler is sleeping inside the child",
                        () -> output.stream().anyMatch(l -> l.contains("SlowHandler sleeping 20000 ms")));
                Instant killed = Instant.now();
                ProcessHandle.of(first).orElseThrow().destroyForcibly();

                InvocationResult.Failure failure = assertInstanceOf(InvocationResult.Failure.class, slow.get());
                Duration noticed = Duration.between(killed, Instant.now());
                InvocationResult after = function.invoke("{}");

                assertEquals("Runtime.ExitError", failure.errorType());
                assertTrue(
                        failure.errorDocument().contains("Runtime exited with error: signal: killed"),
                        failure.errorDocument());
                assertTrue(noticed.compareTo(Duration.ofSeconds(5)) < 0, "the crash was noticed after " + noticed);
                assertNotEquals(first, pidOf(after), "the next invocation runs in a fresh child");
                assertEquals(1, function.replacements());
            } finally {
                function.close();
            }
        }
    }

    @Test
    void aChildThatDiesWhileIdleIsReplacedWithoutWaitingForAnInvocation() throws Exception {
        try (RicLauncher launcher = new RicLauncher(settings(List.of(testClasses())))) {
            RicFunction function = (RicFunction) launcher.launch(definition(Duration.ofSeconds(60)), Map.of());
            try {
                long first = function.pid();
                kill(first);

                waitUntil(
                        "a fresh child replaces the killed one",
                        () -> function.pid() != first
                                && ProcessHandle.of(function.pid())
                                        .map(ProcessHandle::isAlive)
                                        .orElse(false));
                InvocationResult after = function.invoke("{}");

                assertNotEquals(first, pidOf(after));
                assertEquals(1, function.replacements());
            } finally {
                function.close();
            }
        }
    }

    @Test
    void aJarRewrittenOrDeletedByARebuildDoesNotBreakTheRunningFunction() throws Exception {
        Path jar = repo.resolve("functions/slow/target/slow.jar");
        writeFixtureJar(jar);
        try (RicLauncher launcher = new RicLauncher(settings(List.of(jar, RicProcess.codeSource("org.crac.Core"))))) {
            RicFunction function = (RicFunction) launcher.launch(definition(Duration.ofSeconds(60)), Map.of());
            try {
                // A rebuild: the jar is truncated and rewritten with other content, then deleted. The child has
                // not loaded LazyHelper yet; reading it from the original file now would fail.
                Files.write(jar, "not a zip any more".getBytes());
                InvocationResult whileRewritten = function.invoke("{}");
                Files.delete(jar);
                kill(function.pid());
                InvocationResult afterRestart = function.invoke("{}");

                assertEquals("lazy", word(whileRewritten));
                assertEquals("lazy", word(afterRestart), "a fresh environment starts from the copy as well");
            } finally {
                function.close();
            }
        }
    }

    @Test
    void theJarCopiesAreDeletedWhenTheLauncherCloses() throws Exception {
        Path jar = repo.resolve("functions/slow/target/slow.jar");
        writeFixtureJar(jar);
        Path copy;
        try (CodeSnapshot snapshot = CodeSnapshot.create(repo)) {
            List<Path> copied = snapshot.of(List.of(jar, testClasses()));
            copy = copied.get(0);
            assertNotEquals(jar, copy);
            assertTrue(Files.isRegularFile(copy));
            assertEquals(
                    testClasses(),
                    copied.get(1),
                    "class directories and jars outside the repository are used in place");
        }
        assertTrue(Files.notExists(copy));
    }

    @Test
    void exitCodesAreReportedAsLambdaWordsThem() {
        assertTrue(RicFunction.exitError(137, Duration.ZERO).errorDocument().contains("signal: killed"));
        assertTrue(RicFunction.exitError(143, Duration.ZERO).errorDocument().contains("signal: 15"));
        assertTrue(RicFunction.exitError(1, Duration.ZERO).errorDocument().contains("exit status 1"));
    }

    private RunnerSettings settings(List<Path> code) {
        return RunnerSettings.defaults(repo).withCode(def -> code).withOutput(System.out::println, name -> line -> {
            output.add(line);
            System.out.println("[" + name + "] " + line);
        });
    }

    private FunctionDefinition definition(Duration timeout) {
        return new FunctionDefinition(
                "SlowFunction",
                "slow",
                HANDLER,
                repo.resolve("functions/slow/target/slow.jar"),
                256,
                timeout,
                Map.of(),
                List.of());
    }

    private static Path testClasses() {
        return RicProcess.codeSource(SlowHandler.class.getName());
    }

    /** The fixture handler and its lazily loaded helper, packed as a function jar. */
    private static void writeFixtureJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Path classes = testClasses();
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (String name : List.of("SlowHandler", "LazyHelper")) {
                String entry = "dev/opfunctions/local/fixtures/" + name + ".class";
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
        }
    }

    /** SIGKILL, as the OOM killer or kill -9 would; returns once the process is gone. */
    private static void kill(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get();
    }

    private static InvocationResult invoke(RicFunction function, String event) {
        try {
            return function.invoke(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode payload(InvocationResult result) throws IOException {
        return JSON.readTree(assertInstanceOf(InvocationResult.Success.class, result, result.toString())
                .payload());
    }

    private static long pidOf(InvocationResult result) throws IOException {
        return payload(result).get("pid").asLong();
    }

    private static String word(InvocationResult result) throws IOException {
        return payload(result).get("word").asText();
    }

    private static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
