package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** What the product needs from Secrets Manager, checked against moto as the project runs it. */
class LocalSecretsManagerTest {
    private static LocalSecretsManager secrets;

    @BeforeAll
    static void start() {
        secrets = LocalSecretsManager.start();
    }

    @AfterAll
    static void stop() {
        secrets.close();
    }

    @Test
    void secretCreatedThroughTheSdkIsReadBackByNameAndByArn() {
        SecretsManagerClient sm = secrets.client();
        String value = "{\"walletAddress\":\"https://wallet.example/shop\",\"keyId\":\"k1\",\"privateKey\":\"pem\"}";

        String arn =
                sm.createSecret(b -> b.name("client-key").secretString(value)).arn();

        assertTrue(
                arn.startsWith("arn:aws:secretsmanager:us-east-1:" + LocalAws.ACCOUNT_ID + ":secret:client-key-"), arn);
        assertEquals(value, sm.getSecretValue(b -> b.secretId("client-key")).secretString());
        assertEquals(value, sm.getSecretValue(b -> b.secretId(arn)).secretString());
    }

    @Test
    void putSecretValueMakesANewCurrentVersionUnderTheSameArn() {
        String arn = secrets.createSecret("rotating", "v1");
        String firstVersion =
                secrets.client().getSecretValue(b -> b.secretId(arn)).versionId();

        String newArn = secrets.client()
                .putSecretValue(b -> b.secretId(arn).secretString("v2"))
                .arn();

        var current = secrets.client().getSecretValue(b -> b.secretId(arn));
        assertEquals(arn, newArn);
        assertEquals("v2", current.secretString());
        assertNotEquals(firstVersion, current.versionId());
        assertTrue(
                current.versionStages().contains("AWSCURRENT"),
                current.versionStages().toString());
    }

    @Test
    void unknownSecretSurfacesAsTheSdksResourceNotFoundExceptionAndIsCounted() {
        int callsBefore = secrets.getSecretValueCalls();

        ResourceNotFoundException e = assertThrows(
                ResourceNotFoundException.class,
                () -> secrets.client()
                        .getSecretValue(
                                b -> b.secretId("arn:aws:secretsmanager:us-east-1:000000000000:secret:nope-abcdef")));

        // AWS answers 400; moto answers 404 with the same error code, which is what the SDK maps from.
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        assertEquals(callsBefore + 1, secrets.getSecretValueCalls());
    }

    @Test
    void creatingAnExistingSecretFailsWithResourceExists() {
        secrets.createSecret("taken", "x");

        assertThrows(
                ResourceExistsException.class,
                () -> secrets.client().createSecret(b -> b.name("taken").secretString("y")));
    }
}
