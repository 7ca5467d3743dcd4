package dev.opfunctions.lambda.priming;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.SqsCommandQueue;
import dev.opfunctions.checkout.command.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends one command through the real {@link SqsCommandQueue} on an in-memory SQS: the SDK's JSON
 * protocol, SigV4 and its message-MD5 check all run, and the message goes nowhere.
 */
final class SqsWarmup implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run() {
        try (SqsClient sqs = SdkPriming.client(SqsClient.builder(), new CannedHttpClient(SqsWarmup::answer))) {
            new SqsCommandQueue(sqs, "https://sqs.us-east-1.amazonaws.com/000000000000/priming")
                    .send(
                            new Command.FollowPayments("00000000-0000-4000-8000-000000000000", 1),
                            Duration.ofSeconds(30));
        }
    }

    private static String answer(String target, String body) {
        try {
            String message = JSON.readTree(body).path("MessageBody").asText();
            String md5 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(message.getBytes(StandardCharsets.UTF_8)));
            return "{\"MessageId\":\"00000000-0000-4000-8000-000000000000\",\"MD5OfMessageBody\":\"" + md5 + "\"}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
