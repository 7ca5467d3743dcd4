package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.command.CommandCodec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class SqsAndSecretsTest {

    private static LocalAws aws;

    @BeforeAll
    static void up(LocalServers servers) {
        aws = new LocalAws(servers);
    }

    @Test
    void sendsCommandsAsJsonWithTheirDelay() {
        String url = aws.createQueue("commands-" + System.nanoTime(), Map.of());
        SqsCommandQueue queue = new SqsCommandQueue(aws.sqs, url);

        queue.send(new Command.FollowPayments("c-1", 3), Duration.ZERO);
        queue.send(new Command.ContinueGrant("c-2"), Duration.ofSeconds(30));

        var got = aws.sqs
                .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertEquals(1, got.size(), "the delayed one is not visible yet");
        assertEquals(
                new Command.FollowPayments("c-1", 3),
                CommandCodec.decode(got.get(0).body()));
    }

    @Test
    void sendsABatchOfHandOversInOneRequest() {
        String url = aws.createQueue("batch-" + System.nanoTime(), Map.of());
        SqsCommandQueue queue = new SqsCommandQueue(aws.sqs, url);
        java.util.List<Command> batch = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> (Command) new Command.PrepareInstallment("c-" + i, 1, 7 + i))
                .toList();

        queue.sendBatch(batch);

        java.util.Set<Command> got = new java.util.HashSet<>();
        for (int i = 0; i < 5 && got.size() < 10; i++)
            aws.sqs
                    .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()
                    .forEach(m -> got.add(CommandCodec.decode(m.body())));
        assertEquals(java.util.Set.copyOf(batch), got);
    }

    @Test
    void parsesTheClientKeySecretInPemAndBase64FormsWithoutLeakingIt() {
        String pem =
                "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";
        String plain = "{\"walletAddress\":\"https://w.example/shop\",\"keyId\":\"k1\",\"privateKey\":"
                + CheckoutJson.MAPPER.valueToTree(pem) + "}";
        String b64 = "{\"walletAddress\":\"https://w.example/shop\",\"keyId\":\"k1\",\"privateKey\":\""
                + Base64.getEncoder().encodeToString(pem.getBytes()) + "\"}";

        ClientKey a = SecretsManagerKeySource.parse(plain, "arn:s");
        ClientKey b = SecretsManagerKeySource.parse(b64, "arn:s");

        assertEquals(pem, a.privateKeyPem());
        assertEquals(a, b);
        assertFalse(a.toString().contains("MC4CAQ"));
        var e = assertThrows(
                IllegalStateException.class,
                () -> SecretsManagerKeySource.parse("{\"walletAddress\":\"x\",\"privateKey\":\"y\"}", "arn:s"));
        assertTrue(e.getMessage().contains("keyId"));
    }
}
