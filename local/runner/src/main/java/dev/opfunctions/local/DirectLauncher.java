package dev.opfunctions.local;

import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSqs;
import dev.opfunctions.aws.local.SecretsManagerFake;
import java.util.Map;

/** Runs functions inside the runner's JVM (pending: needs the functions' adapters on main). */
final class DirectLauncher implements FunctionLauncher {
  DirectLauncher(LocalDynamoDb dynamoDb, LocalSqs sqs, SecretsManagerFake secrets) {
  }

  @Override
  public String unavailableReason(FunctionDefinition definition) {
    return "direct mode is not available in this build";
  }

  @Override
  public LocalFunction launch(FunctionDefinition definition, Map<String, String> environment) {
    throw new UnsupportedOperationException("direct mode is not available in this build");
  }
}
