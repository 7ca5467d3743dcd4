package dev.opfunctions.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Private copies of the jars the functions run from, taken when the runner starts. A function's
 * child JVM reads classes from its jar lazily, long after it started; {@code mvn package} rewriting
 * {@code functions/*}{@code /target/*.jar} under it made running functions throw
 * {@code NoClassDefFoundError} (or crash on a truncated zip). Each child therefore runs from a copy
 * that nothing else writes, and keeps running the code it started with until the runner restarts.
 *
 * <p>Only jars inside the repository are copied: those are what a build rewrites. Jars elsewhere
 * (the runtime's own, from the Maven repository) and class directories (only tests run from them)
 * are used in place. Each distinct jar is copied once, however many functions use it;
 * {@link #close()} deletes the copies.
 */
final class CodeSnapshot implements AutoCloseable {
    private final Path repoRoot;
    private final Path dir;
    private final Map<Path, Path> copies = new LinkedHashMap<>();

    private CodeSnapshot(Path repoRoot, Path dir) {
        this.repoRoot = repoRoot;
        this.dir = dir;
    }

    /** A snapshot of the jars under {@code repoRoot}, in a new private temporary folder. */
    static CodeSnapshot create(Path repoRoot) {
        try {
            return new CodeSnapshot(
                    repoRoot.toAbsolutePath().normalize(), Files.createTempDirectory("opfunctions-code-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for copies of the function jars", e);
        }
    }

    /** The class path with every jar replaced by its copy (copied on first use). */
    synchronized List<Path> of(List<Path> classpath) {
        List<Path> result = new ArrayList<>(classpath.size());
        for (Path entry : classpath) {
            Path source = entry.toAbsolutePath().normalize();
            if (!Files.isRegularFile(source) || !source.startsWith(repoRoot)) {
                result.add(entry);
                continue;
            }
            result.add(copies.computeIfAbsent(source, this::copy));
        }
        return result;
    }

    private Path copy(Path jar) {
        // One sub-folder per copy keeps the file name (some tools look at it) without clashes.
        try {
            Path target = Files.createDirectory(dir.resolve(Integer.toString(copies.size())))
                    .resolve(jar.getFileName());
            Files.copy(jar, target, StandardCopyOption.COPY_ATTRIBUTES);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar + " for the runner", e);
        }
    }

    /** Deletes the copies (children still running keep their open files until they exit). */
    @Override
    public synchronized void close() {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
        copies.clear();
    }
}
