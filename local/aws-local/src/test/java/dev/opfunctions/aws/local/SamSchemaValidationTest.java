package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates template.yaml against SAM's own JSON schema (draft-04, from the SAM project's
 * schema_source), the closest thing to {@code sam validate} that runs here. The schema only knows
 * SAM resources and Globals; plain CloudFormation resources are checked by the other template tests.
 */
class SamSchemaValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    Path file = Fixtures.repoRoot().resolve("../shared/specs/sam/sam.schema.json").normalize();
    JsonNode node = JSON.readTree(Files.readString(file));
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
  }

  private static Set<String> uniqueMessages(JsonNode template) {
    Set<String> messages = new TreeSet<>();
    for (ValidationMessage m : schema.validate(template)) {
      messages.add(m.getMessage());
    }
    return messages;
  }

  private static JsonNode projectTemplate() {
    return SamTemplate.load(Fixtures.repoRoot().resolve("template.yaml")).toJson();
  }

  @Test
  void projectTemplateHasNoSchemaErrors() {
    Set<String> messages = uniqueMessages(projectTemplate());

    messages.forEach(m -> System.out.println("SAM schema: " + m));
    assertEquals(Set.of(), messages);
  }

  private static Set<String> messagesAfter(Consumer<ObjectNode> breakage) {
    ObjectNode broken = (ObjectNode) projectTemplate().deepCopy();
    breakage.accept(broken);
    return uniqueMessages(broken);
  }

  private static void assertReported(Set<String> messages, String expected) {
    assertTrue(messages.stream().anyMatch(m -> m.contains(expected)),
        "no message contains \"" + expected + "\" in:\n" + String.join("\n", messages));
  }

  @Test
  void misspeltGlobalsPropertyIsReported() {
    Set<String> messages = messagesAfter(t -> {
      ObjectNode globals = (ObjectNode) t.at("/Globals/Function");
      globals.set("MemorySizee", globals.remove("MemorySize"));
    });

    assertReported(messages, "$.Globals.Function: property 'MemorySizee' is not defined");
  }

  @Test
  void misspeltFunctionPropertyIsReported() {
    Set<String> messages = messagesAfter(t -> {
      ObjectNode props = (ObjectNode) t.at("/Resources/StartCheckoutFunction/Properties");
      props.set("Handlr", props.remove("Handler"));
    });

    assertReported(messages, "$.Resources.StartCheckoutFunction.Properties: property 'Handlr' is not defined");
  }

  @Test
  void unknownEventTypeIsReported() {
    Set<String> messages = messagesAfter(t ->
        ((ObjectNode) t.at("/Resources/CreateOutgoingFunction/Properties/Events/PaymentCommands")).put("Type", "SQSS"));

    assertReported(messages, "$.Resources.CreateOutgoingFunction.Properties.Events.PaymentCommands.Type: does not have a value in the enumeration [\"SQS\"]");
  }

  @Test
  void sqsEventWithoutItsQueueIsReported() {
    // Pass-through properties such as BatchSize are untyped in SAM's schema ("ten" passes), so the
    // typed values are checked by TemplateContractTest; a missing required property is caught here.
    Set<String> messages = messagesAfter(t ->
        ((ObjectNode) t.at("/Resources/CreateOutgoingFunction/Properties/Events/PaymentCommands/Properties")).remove("Queue"));

    assertReported(messages, "PaymentCommands.Properties: required property 'Queue' not found");
  }
}
