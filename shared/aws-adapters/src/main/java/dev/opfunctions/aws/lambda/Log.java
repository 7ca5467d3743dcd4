package dev.opfunctions.aws.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON line per event on stdout, which Lambda ships to CloudWatch. Callers pass ids and codes
 * only; tokens, keys and request bodies are never logged.
 */
public final class Log {

    private Log() {}

    public static void info(String message, String... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public static void error(String message, Throwable t, String... keyValues) {
        write("ERROR", message, t, keyValues);
    }

    private static void write(String level, String message, Throwable t, String... kv) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("level", level);
        n.put("message", message);
        for (int i = 0; i + 1 < kv.length; i += 2) n.put(kv[i], kv[i + 1]);
        // The exception's class and message only: stack frames can carry request data in some libraries.
        if (t != null) n.put("error", t.getClass().getName() + ": " + t.getMessage());
        System.out.println(n);
    }
}
