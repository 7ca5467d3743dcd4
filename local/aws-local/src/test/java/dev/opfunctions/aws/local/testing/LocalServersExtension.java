package dev.opfunctions.aws.local.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link LocalServers}: declare a {@code LocalServers} parameter on a test, a
 * constructor or a {@code @BeforeAll} method of a class annotated
 * {@code @ExtendWith(LocalServersExtension.class)}.
 *
 * <p>The servers start on first use and live in the root store, so every test class of the JVM
 * shares one set, and JUnit closes them (they are {@link AutoCloseable}) when the run ends. Tests
 * whose subject is a server's own start, stop or persistence start their own instead.
 */
public final class LocalServersExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalServersExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalServers.class;
    }

    @Override
    public LocalServers resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalServers.class, key -> LocalServers.start(), LocalServers.class);
    }
}
