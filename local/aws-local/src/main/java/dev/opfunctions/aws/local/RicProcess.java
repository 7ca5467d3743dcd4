package dev.opfunctions.aws.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A child JVM running the real AWS Lambda runtime interface client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) against a
 * {@link LambdaRuntimeApi}: the same runtime loop, event deserialization and error documents as a
 * Lambda container image, with the handler loaded from a shaded jar or a class path.
 *
 * <p>The child's environment is built from scratch like Lambda's (reserved {@code AWS_LAMBDA_*}
 * variables, region, dummy credentials, {@code TZ=:UTC}) plus the function's own variables, so host
 * credentials never leak in. Its stdout and stderr are piped to a line consumer: inheriting the
 * parent's streams would corrupt surefire's fork channel.
 */
public final class RicProcess implements AutoCloseable {
    private static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * What to run.
     *
     * @param functionName the function's name (also names the log group)
     * @param handler {@code package.Class::method}, as in the template's {@code Handler}
     * @param classpath the function's code: its shaded jar, or class directories and jars
     * @param environment the function's environment variables (override the defaults)
     * @param memoryMb reported in the Context; also caps the child heap at 85% of it, like Lambda
     * @param jvmOptions extra JVM options placed before the main class
     * @param output receives each line the child prints
     */
    public record Spec(
            String functionName,
            String handler,
            List<Path> classpath,
            Map<String, String> environment,
            int memoryMb,
            List<String> jvmOptions,
            Consumer<String> output) {
        public Spec {
            Objects.requireNonNull(handler);
            classpath = List.copyOf(classpath);
            environment = Map.copyOf(environment);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** 512 MB, no extra options, output printed to stdout prefixed with the function name. */
        public static Spec of(
                String functionName, String handler, List<Path> classpath, Map<String, String> environment) {
            return new Spec(
                    functionName,
                    handler,
                    classpath,
                    environment,
                    512,
                    List.of(),
                    line -> System.out.println("[" + functionName + "] " + line));
        }
    }

    private final Process process;
    private final Thread pump;

    private RicProcess(Process process, Thread pump) {
        this.process = process;
        this.pump = pump;
    }

    /** Starts the child JVM; it connects to {@code api} and waits for invocations. */
    public static RicProcess start(Spec spec, LambdaRuntimeApi api) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        // The options the java21 managed runtime starts its JVM with (as its command line shows, and the
        // developer guide's "Customize Java runtime startup behavior" for the compiler and collector):
        // 85 % of the memory as heap, C1 only, the serial collector, IPv4, and org.crac bound to the
        // runtime client's own CRaC context, which is how SnapStart hooks registered through org.crac run.
        // A function can add options through JAVA_TOOL_OPTIONS, as on Lambda. Left out: the runtime's
        // class-data archive of its own classes (built for AWS's JVM) and its log4j hot-patch agent.
        command.add("-XX:MaxHeapSize=" + (spec.memoryMb() * 1024L * 85 / 100) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add(RuntimeClientLibrary.jvmOption());
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(classpath(spec.classpath()));
        command.add(MAIN_CLASS);
        command.add(spec.handler());

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        env.putAll(lambdaEnvironment(spec, api, path, home));
        try {
            Process process = builder.start();
            Thread pump = Thread.ofPlatform()
                    .daemon()
                    .name("ric-output-" + spec.functionName())
                    .start(() -> {
                        try (BufferedReader reader = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            reader.lines().forEach(spec.output());
                        } catch (IOException | java.io.UncheckedIOException e) {
                            // the child closed its output while exiting (lines() wraps that as unchecked); nothing left
                            // to forward
                        }
                    });
            return new RicProcess(process, pump);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the runtime interface client for " + spec.functionName(), e);
        }
    }

    /**
     * The jars the runtime itself needs (runtime interface client, its serialization, Lambda core, SDK
     * utils-lite), found on this JVM's class path; they come after the function's code.
     */
    public static List<Path> runtimeClasspath() {
        return List.of(
                codeSource(
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        "aws-lambda-java-runtime-interface-client"),
                codeSource(
                        "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                        "aws-lambda-java-serialization"),
                codeSource("com.amazonaws.services.lambda.runtime.Context", "aws-lambda-java-core"),
                codeSource("software.amazon.awssdk.utilslite.SdkInternalThreadLocal", "utils-lite"));
    }

    /**
     * The jar named after {@code artifactId} that holds a class. A class path that also holds shaded
     * function jars (the local runner's) finds these classes in those jars first; putting one
     * function's jar on another function's class path would hide what that function's own jar lacks.
     */
    static Path codeSource(String className, String artifactId) {
        try {
            var urls = RicProcess.class.getClassLoader().getResources(className.replace('.', '/') + ".class");
            while (urls.hasMoreElements()) {
                String url = urls.nextElement().toString();
                int bang = url.indexOf("!/");
                if (url.startsWith("jar:file:") && bang > 0) {
                    Path jar = Path.of(java.net.URI.create(url.substring("jar:".length(), bang)));
                    if (jar.getFileName().toString().startsWith(artifactId + "-")) {
                        return jar;
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // fall back to wherever the class loads from
        }
        return codeSource(className);
    }

    /** The jar or class directory a class was loaded from. */
    public static Path codeSource(String className) {
        try {
            Class<?> type = Class.forName(className, false, RicProcess.class.getClassLoader());
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + className + " on the class path", e);
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the child ends. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Stops the child (SIGTERM, then SIGKILL after 5 s) and waits for its output to drain. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String classpath(List<Path> functionCode) {
        LinkedHashSet<Path> entries = new LinkedHashSet<>();
        functionCode.forEach(p -> entries.add(p.toAbsolutePath()));
        runtimeClasspath().forEach(p -> entries.add(p.toAbsolutePath()));
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Map<String, String> lambdaEnvironment(Spec spec, LambdaRuntimeApi api, String path, String home) {
        Map<String, String> env = new LinkedHashMap<>();
        if (path != null) {
            env.put("PATH", path);
        }
        if (home != null) {
            env.put("HOME", home);
        }
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put(
                "AWS_LAMBDA_INITIALIZATION_TYPE",
                "on-demand"); // "snap-start" in the spec's environment runs the SnapStart path
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + spec.functionName());
        env.put("AWS_REGION", LocalAws.REGION.id());
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_ACCESS_KEY);
        env.putAll(spec.environment());
        return env;
    }
}
