package dev.opfunctions.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.aws.local.LocalContext;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A handler called inside the runner's JVM, for where the runtime interface client cannot run. It
 * takes and gives the same JSON as the runtime client: the event is read with the managed runtime's
 * serializers (Lambda's event mixins for AWS event types, its Jackson setup otherwise) and the result
 * written the same way, so the gateway, poller and schedule cannot tell the modes apart.
 */
final class DirectFunction implements LocalFunction {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionDefinition definition;
    private final RequestHandler<Object, Object> handler;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final ExecutorService executor;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    @SuppressWarnings("unchecked")
    DirectFunction(FunctionDefinition definition, RequestHandler<?, ?> handler) {
        this.definition = definition;
        this.handler = (RequestHandler<Object, Object>) handler;
        Type[] types = requestHandlerTypes(handler.getClass());
        this.input = serializer(types[0], handler.getClass().getClassLoader());
        this.output = serializer(types[1], handler.getClass().getClassLoader());
        this.executor = Executors.newSingleThreadExecutor(r ->
                Thread.ofPlatform().daemon().name("direct-" + definition.name()).unstarted(r));
    }

    @Override
    public FunctionDefinition definition() {
        return definition;
    }

    @Override
    public InvocationResult invoke(String eventJson) throws InterruptedException {
        oneAtATime.lockInterruptibly();
        try {
            String requestId = UUID.randomUUID().toString();
            Instant start = Instant.now();
            Future<String> call = executor.submit(() -> {
                Object event = input.fromJson(eventJson);
                Object result = handler.handleRequest(
                        event,
                        new LocalContext(
                                definition.name(),
                                requestId,
                                Instant.now().plus(definition.timeout()),
                                definition.memoryMb()));
                if (result == null) {
                    return "null";
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                output.toJson(result, out);
                return out.toString(StandardCharsets.UTF_8);
            });
            try {
                return new InvocationResult.Success(
                        requestId,
                        call.get(definition.timeout().toMillis(), TimeUnit.MILLISECONDS),
                        Duration.between(start, Instant.now()));
            } catch (TimeoutException e) {
                call.cancel(true);
                return new InvocationResult.Failure(
                        requestId,
                        "Sandbox.Timedout",
                        "{\"errorMessage\":\"Task timed out\",\"errorType\":\"Sandbox.Timedout\"}",
                        Duration.between(start, Instant.now()));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String document = JSON.createObjectNode()
                        .put("errorMessage", String.valueOf(cause.getMessage()))
                        .put("errorType", cause.getClass().getName())
                        .toString();
                return new InvocationResult.Failure(
                        requestId, "Unhandled", document, Duration.between(start, Instant.now()));
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    @Override
    public String describe() {
        return "called directly inside the runner (no runtime interface client)";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The input and output types of the handler's {@code RequestHandler<I, O>}. */
    static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(
                type.getName() + " does not implement RequestHandler<I, O> with concrete types");
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
