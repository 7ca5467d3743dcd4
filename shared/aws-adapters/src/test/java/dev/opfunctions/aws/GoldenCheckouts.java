package dev.opfunctions.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden stored checkouts: {@code src/test/resources/stored-checkouts/*.json}, documents written by
 * the code of the day they were generated ({@link GoldenCheckoutsWriterTest}) and committed, so every later
 * version of the code must still read them.
 */
final class GoldenCheckouts {

    private GoldenCheckouts() {}

    static Path folder() {
        return Path.of(System.getProperty("repo.root"), "shared/aws-adapters/src/test/resources/stored-checkouts");
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
