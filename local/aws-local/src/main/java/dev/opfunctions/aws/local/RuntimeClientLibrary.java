package dev.opfunctions.aws.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The runtime interface client's JNI library, unpacked once per JVM into a private folder.
 *
 * <p>Left to itself, every runtime client process copies the library to the fixed path
 * {@code /tmp/.libaws-lambda-jni.so} (fine in a Lambda container, which runs one) and loads it from
 * there. Several child JVMs starting at once overwrite the file while another has it mapped, which
 * crashes the JVM with SIGBUS. The client reads the system property named by {@link #PROPERTY} first,
 * so {@link RicProcess} gives each child this JVM's own copy instead.
 */
final class RuntimeClientLibrary {
    /** The system property the runtime client loads its JNI library from when set. */
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static Path unpacked;

    private RuntimeClientLibrary() {}

    /** The JVM option that points a child at the unpacked library. */
    static synchronized String jvmOption() {
        if (unpacked == null) {
            unpacked = unpack();
        }
        return "-D" + PROPERTY + "=" + unpacked;
    }

    private static Path unpack() {
        String resource = "/jni/libaws-lambda-jni." + platform() + ".so";
        try (InputStream in = RuntimeClientLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the runtime interface client has no " + resource + " for this platform");
            }
            Path dir = Files.createTempDirectory("opfunctions-ric-");
            Path lib = dir.resolve("libaws-lambda-jni.so");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            lib.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return lib;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the runtime interface client's JNI library", e);
        }
    }

    private static String platform() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        boolean musl =
                Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")) || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
        return (musl ? "linux_musl-" : "linux-") + cpu;
    }
}
