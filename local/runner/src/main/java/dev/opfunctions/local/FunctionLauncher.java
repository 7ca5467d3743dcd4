package dev.opfunctions.local;

import java.util.Map;

/** Starts one function in the chosen mode. */
interface FunctionLauncher {

  /**
   * Why the function cannot run in this mode (e.g. its jar was not built), or null when it can.
   */
  String unavailableReason(FunctionDefinition definition);

  /** Starts the function with these environment variables and waits until it has initialized. */
  LocalFunction launch(FunctionDefinition definition, Map<String, String> environment) throws InterruptedException;
}
