package dev.opfunctions.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.aws.local.LocalSqs;
import dev.opfunctions.lambda.AwsPorts;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Ports;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Runs functions inside the runner's JVM. A process's environment cannot be set from Java, so the
 * handler is built with its tests' constructor {@code (FunctionConfig, Ports)}: the configuration read
 * from the same variables the runtime client would get, and the real adapters over SDK clients bound
 * to the local servers.
 */
final class DirectLauncher implements FunctionLauncher {
    private final LocalDynamoDb dynamoDb;
    private final LocalSqs sqs;
    private final LocalSecretsManager secrets;

    DirectLauncher(LocalDynamoDb dynamoDb, LocalSqs sqs, LocalSecretsManager secrets) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.secrets = secrets;
    }

    @Override
    public String unavailableReason(FunctionDefinition definition) {
        try {
            constructor(definition);
            return null;
        } catch (ClassNotFoundException e) {
            return "handler class " + definition.handlerClass() + " is not on the runner's class path";
        } catch (NoSuchMethodException e) {
            return definition.handlerClass() + " has no (FunctionConfig, Ports) constructor to call it directly";
        }
    }

    @Override
    public LocalFunction launch(FunctionDefinition definition, Map<String, String> environment) {
        try {
            FunctionConfig config = FunctionConfig.from(environment);
            Ports ports = AwsPorts.create(config, dynamoDb.client(), sqs.client(), secrets.client());
            RequestHandler<?, ?> handler =
                    (RequestHandler<?, ?>) constructor(definition).newInstance(config, ports);
            return new DirectFunction(definition, handler);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(definition.name() + " failed to initialize: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(definition.name() + " cannot be built: " + e, e);
        }
    }

    private static Constructor<?> constructor(FunctionDefinition definition)
            throws ClassNotFoundException, NoSuchMethodException {
        Class<?> type = Class.forName(definition.handlerClass(), false, DirectLauncher.class.getClassLoader());
        if (!RequestHandler.class.isAssignableFrom(type)) {
            throw new NoSuchMethodException(type.getName() + " is not a RequestHandler");
        }
        return type.getConstructor(FunctionConfig.class, Ports.class);
    }
}
