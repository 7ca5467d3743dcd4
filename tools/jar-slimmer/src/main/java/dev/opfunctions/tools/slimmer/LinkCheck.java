package dev.opfunctions.tools.slimmer;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Loads, verifies and initializes every class the slimmer kept under the prune prefix, from the
 * slimmed jar alone: a kept class whose verification or static initializer needs a removed class
 * fails here, at build time, instead of in a Lambda. (The SDK's static initializers only build
 * field tables and metadata; they do no I/O.)
 */
final class LinkCheck {

    private LinkCheck() {}

    /** The classes that failed to link, with the reason; empty when all linked. */
    static List<String> failures(Path jar, String prunePrefix) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith(prunePrefix) && n.endsWith(".class"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
        }
        List<String> failures = new ArrayList<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    failures.add(name + ": " + e);
                }
            }
        }
        return failures;
    }
}
