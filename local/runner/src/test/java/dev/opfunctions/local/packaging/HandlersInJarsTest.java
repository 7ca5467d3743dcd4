package dev.opfunctions.local.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java function in template.yaml names, in {@code Handler}, a class inside its own built jar
 * ({@code CodeUri}) that implements {@code RequestHandler} with the event and response types its
 * trigger delivers (or {@code RequestStreamHandler}, whose bytes carry any event), and the jar carries nothing of the test-only local servers. The class is loaded
 * from the jar alone (the platform class loader as parent), so a class the jar misses fails here.
 * Each jar is also held to a size limit (16 MB), so a shade change that pulls in a new dependency shows.
 */
class HandlersInJarsTest {

    static Stream<TemplateFunctions.Function> functions() {
        return TemplateFunctions.load().functions().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void handlerClassInTheJarImplementsRequestHandlerForItsTrigger(TemplateFunctions.Function f) throws Exception {
        assertTrue(
                Files.isRegularFile(f.jar()),
                f.logicalId() + ": CodeUri " + f.jar() + " is not built (run mvn package)");
        assertFalse(f.triggers().isEmpty(), f.logicalId() + " has no trigger the template wires to it");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {f.jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> handler = Class.forName(f.handlerClass(), false, loader);
            assertTrue(
                    Modifier.isPublic(handler.getConstructor().getModifiers()),
                    f.handler() + " needs a public no-arg constructor");
            Class<?> streamHandler =
                    Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, loader);
            if (streamHandler.isAssignableFrom(handler)) {
                // Bytes in, bytes out (deliver-events takes two event shapes): no types to hold to its triggers.
                assertNotNull(handler.getMethod(
                        f.handlerMethod(),
                        java.io.InputStream.class,
                        java.io.OutputStream.class,
                        Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader)));
                return;
            }
            Class<?> requestHandler =
                    Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, loader);
            assertTrue(
                    requestHandler.isAssignableFrom(handler),
                    f.handler() + " implements neither RequestHandler nor RequestStreamHandler");

            Type[] types = requestHandlerTypes(handler);
            for (TemplateFunctions.Trigger trigger : f.triggers()) {
                assertEquals(trigger.eventType, types[0].getTypeName(), f.logicalId() + " is triggered by " + trigger);
                if (trigger.responseType != null)
                    assertEquals(trigger.responseType, types[1].getTypeName(), f.logicalId() + "'s response");
            }
            Method method = handler.getMethod(
                    f.handlerMethod(),
                    Class.forName(types[0].getTypeName(), false, loader),
                    Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader));
            assertNotNull(method);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void jarCarriesNoTestOnlyServers(TemplateFunctions.Function f) throws Exception {
        try (JarFile jar = new JarFile(f.jar().toFile())) {
            List<String> leaked = jar.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("com/amazonaws/services/dynamodbv2/local/")
                            || n.startsWith("org/elasticmq/")
                            || n.startsWith("org/junit/")
                            || n.startsWith("dev/opfunctions/aws/local/")
                            || n.startsWith("dev/opfunctions/sandbox/"))
                    .limit(5)
                    .toList();
            assertTrue(leaked.isEmpty(), f.name() + " ships test-only classes: " + leaked);
        }
    }

    /** 16 MB or less per function (decimal megabytes): today 14.1-15.2 MB, unslimmed (see the README). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void jarIsAtMostSixteenMegabytes(TemplateFunctions.Function f) throws Exception {
        long size = Files.size(f.jar());
        System.out.printf("%s: %,d bytes%n", f.jar().getFileName(), size);
        assertTrue(
                size <= 16_000_000L,
                f.jar().getFileName() + " is " + size
                        + " bytes, over 16 MB: what did the shade configuration in the parent POM start to include?");
    }

    private static Type[] requestHandlerTypes(Class<?> handler) {
        for (Type t : handler.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p
                    && p.getRawType().getTypeName().equals("com.amazonaws.services.lambda.runtime.RequestHandler")) {
                return p.getActualTypeArguments();
            }
        }
        fail(handler.getName()
                + " implements RequestHandler only through a superclass or raw type; declare the types on the handler");
        return null;
    }
}
