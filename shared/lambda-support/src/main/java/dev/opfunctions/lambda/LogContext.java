package dev.opfunctions.lambda;

import org.slf4j.MDC;

/**
 * The checkout an invocation (or, in a batch, one message) is about, kept in the logging context
 * (SLF4J's MDC) so that every log line written meanwhile carries it as {@code checkout_id}.
 * Powertools' JSON layout prints MDC entries as top-level fields; {@link Invocations} clears the
 * context when an invocation ends, so an id never leaks into the next one on a warm container.
 */
public final class LogContext {

    /** The field every line carries. */
    public static final String CHECKOUT_ID = "checkout_id";
    /** The key callers of {@code Log} use for the same value. */
    public static final String CHECKOUT_ID_KEY = "checkoutId";

    private LogContext() {}

    /** Sets the current checkout; a blank id is ignored (the previous one stays). */
    public static void checkout(String checkoutId) {
        if (checkoutId != null && !checkoutId.isBlank()) MDC.put(CHECKOUT_ID, checkoutId);
    }

    /** The current checkout id, or null. */
    public static String checkout() {
        return MDC.get(CHECKOUT_ID);
    }

    /** Forgets the current checkout (end of a batch message). */
    public static void clearCheckout() {
        MDC.remove(CHECKOUT_ID);
    }
}
