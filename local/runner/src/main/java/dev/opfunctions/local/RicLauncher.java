package dev.opfunctions.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Runs functions through the runtime interface client, each in its own child JVM, from copies of
 * their jars taken at start ({@link CodeSnapshot}), so a rebuild while the runner runs cannot break
 * them.
 */
final class RicLauncher implements FunctionLauncher {
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(90);

    private final RunnerSettings settings;
    private final CodeSnapshot snapshot;

    RicLauncher(RunnerSettings settings) {
        this.settings = settings;
        this.snapshot = CodeSnapshot.create(settings.repoRoot());
    }

    @Override
    public String unavailableReason(FunctionDefinition definition) {
        List<Path> classpath = settings.code().apply(definition);
        String entry = definition.handlerClass().replace('.', '/') + ".class";
        for (Path p : classpath) {
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(entry))) {
                return null;
            }
            if (Files.isRegularFile(p)) {
                try (ZipFile jar = new ZipFile(p.toFile())) {
                    if (jar.getEntry(entry) != null) {
                        return null;
                    }
                } catch (IOException e) {
                    return p + " is not a readable jar: " + e.getMessage();
                }
            }
        }
        return classpath.stream().anyMatch(Files::exists)
                ? "handler class " + definition.handlerClass() + " is not in " + classpath
                : "not built: " + classpath + " is missing (run mvn package)";
    }

    @Override
    public LocalFunction launch(FunctionDefinition definition, Map<String, String> environment)
            throws InterruptedException {
        RicFunction function = RicFunction.start(
                definition,
                snapshot.of(settings.code().apply(definition)),
                environment,
                settings.functionOutput().apply(definition.name()));
        String problem = function.awaitInitialized(INIT_TIMEOUT);
        if (problem != null) {
            function.close();
            throw new IllegalStateException(definition.name() + " " + problem);
        }
        return function;
    }

    /** Deletes the jar copies; called once the functions have stopped. */
    @Override
    public void close() {
        snapshot.close();
    }
}
