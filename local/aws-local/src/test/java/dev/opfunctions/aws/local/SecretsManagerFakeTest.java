package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretsManagerFakeTest {
  private static SecretsManagerFake fake;

  @BeforeAll
  static void start() {
    fake = SecretsManagerFake.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Test
  void secretCreatedThroughTheSdkIsReadBackByNameAndByArn() {
    SecretsManagerClient sm = fake.client();
    String value = "{\"walletAddress\":\"https://wallet.example/shop\",\"keyId\":\"k1\",\"privateKey\":\"pem\"}";

    String arn = sm.createSecret(b -> b.name("client-key").secretString(value)).arn();

    assertTrue(arn.startsWith("arn:aws:secretsmanager:us-east-1:000000000000:secret:client-key-"), arn);
    assertEquals(value, sm.getSecretValue(b -> b.secretId("client-key")).secretString());
    assertEquals(value, sm.getSecretValue(b -> b.secretId(arn)).secretString());
  }

  @Test
  void putSecretValueReplacesTheCurrentValueAndKeepsTheArn() {
    String arn = fake.createSecret("rotating", "v1");

    String newArn = fake.client().putSecretValue(b -> b.secretId(arn).secretString("v2")).arn();

    assertEquals(arn, newArn);
    assertEquals("v2", fake.client().getSecretValue(b -> b.secretId(arn)).secretString());
  }

  @Test
  void unknownSecretSurfacesAsTheSdksResourceNotFoundException() {
    int callsBefore = fake.getSecretValueCalls();

    ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
        () -> fake.client().getSecretValue(b -> b.secretId("arn:aws:secretsmanager:us-east-1:000000000000:secret:nope-abcdef")));

    assertEquals(400, e.statusCode());
    assertEquals(callsBefore + 1, fake.getSecretValueCalls());
  }

  @Test
  void creatingAnExistingSecretFailsWithResourceExists() {
    fake.createSecret("taken", "x");

    assertThrows(ResourceExistsException.class, () -> fake.client().createSecret(b -> b.name("taken").secretString("y")));
  }

  @Test
  void rejectsRequestsThatAreNotSigned() throws Exception {
    fake.createSecret("unsigned-target", "x");
    HttpRequest request = HttpRequest.newBuilder(URI.create(fake.endpoint() + "/"))
        .header("X-Amz-Target", "secretsmanager.GetSecretValue")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"unsigned-target\"}"))
        .build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("MissingAuthenticationTokenException"), response.body());
  }
}
