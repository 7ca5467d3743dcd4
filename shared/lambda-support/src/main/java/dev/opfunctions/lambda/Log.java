package dev.opfunctions.lambda;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The functions' log: one JSON object per line on stdout (log4j2 with Powertools'
 * {@code LambdaJsonLayout}, configured by {@code log4j2.properties}), carrying the Lambda context fields
 * Powertools adds inside {@code PowertoolsLogging.withLogging} and the invocation's
 * {@code checkout_id} from the logging context.
 *
 * <p>Callers pass ids and codes only: tokens, keys and request bodies are never logged. A
 * {@code "checkoutId"} pair is not written as a field of its own: it becomes the invocation's
 * {@code checkout_id} (see {@link LogContext}), so this line and every later one carry it.
 */
public final class Log {

    private static final Logger LOG = LoggerFactory.getLogger("dev.opfunctions");

    private Log() {}

    public static void info(String message, String... keyValues) {
        LOG.info(message, arguments(null, keyValues));
    }

    public static void error(String message, Throwable t, String... keyValues) {
        LOG.error(message, arguments(t, keyValues));
    }

    private static Object[] arguments(Throwable t, String... kv) {
        List<Object> args = new ArrayList<>(kv.length / 2 + 2);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (LogContext.CHECKOUT_ID_KEY.equals(kv[i])) {
                LogContext.checkout(kv[i + 1]);
            } else {
                args.add(StructuredArguments.entry(kv[i], kv[i + 1]));
            }
        }
        // Frames are code locations; messages (ours never carry secrets, a library's might) are redacted.
        if (t != null) {
            args.add(StructuredArguments.entry("error_type", t.getClass().getName()));
            args.add(StructuredArguments.entry("error_message", String.valueOf(Redaction.redact(t.getMessage()))));
            args.add(StructuredArguments.entry("stack_trace", Redaction.stackTrace(t, 15)));
        }
        return args.toArray();
    }
}
