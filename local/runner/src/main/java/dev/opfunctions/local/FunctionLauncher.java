package dev.opfunctions.local;

import java.util.Map;

/** Starts one function in the chosen mode; closed after the functions it started. */
interface FunctionLauncher extends AutoCloseable {

    /**
     * Why the function cannot run in this mode (e.g. its jar was not built), or null when it can.
     */
    String unavailableReason(FunctionDefinition definition);

    /** Starts the function with these environment variables and waits until it has initialized. */
    LocalFunction launch(FunctionDefinition definition, Map<String, String> environment) throws InterruptedException;

    /** Releases what the launcher keeps for its functions (nothing by default). */
    @Override
    default void close() {}
}
