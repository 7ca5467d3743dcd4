package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * What the product needs from Secrets Manager, checked against moto as the project runs it. The
 * server is shared with other test classes, so every secret gets a name of its own.
 */
@ExtendWith(LocalServersExtension.class)
class LocalSecretsManagerTest {
    private static LocalServers servers;
    private static LocalSecretsManager secrets;

    @BeforeAll
    static void start(LocalServers shared) {
        servers = shared;
        secrets = shared.secrets();
    }

    @Test
    void secretCreatedThroughTheSdkIsReadBackByNameAndByArn() {
        SecretsManagerClient sm = secrets.client();
        String value = "{\"walletAddress\":\"https://wallet.example/shop\",\"keyId\":\"k1\",\"privateKey\":\"pem\"}";

        String name = servers.uniqueName("client-key");

        String arn = sm.createSecret(b -> b.name(name).secretString(value)).arn();

        assertTrue(
                arn.startsWith("arn:aws:secretsmanager:us-east-1:" + LocalAws.ACCOUNT_ID + ":secret:" + name + "-"),
                arn);
        assertEquals(value, sm.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals(value, sm.getSecretValue(b -> b.secretId(arn)).secretString());
    }

    @Test
    void putSecretValueMakesANewCurrentVersionUnderTheSameArn() {
        String arn = secrets.createSecret(servers.uniqueName("rotating"), "v1");
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
        String name = servers.uniqueName("taken");
        secrets.createSecret(name, "x");

        assertThrows(
                ResourceExistsException.class,
                () -> secrets.client().createSecret(b -> b.name(name).secretString("y")));
    }
}
