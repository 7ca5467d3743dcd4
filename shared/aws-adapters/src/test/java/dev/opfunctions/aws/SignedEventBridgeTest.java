package dev.opfunctions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.events.StorefrontEvent;
import dev.opfunctions.checkout.fakes.CheckoutFixture;
import dev.opfunctions.checkout.fakes.EventFakes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * PutEvents, signed with the SDK's SigV4 signer, against moto's EventBridge: a rule on the bus forwards what
 * arrives to a queue of the same moto, where the entries read back with their source, type and detail.
 */
@ExtendWith(LocalServersExtension.class)
class SignedEventBridgeTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void eventsPutOnTheBusArriveWithSourceTypeAndDetail(LocalServers servers) throws Exception {
        var moto = servers.secrets().endpoint();
        String bus = servers.uniqueName("bus");
        SignedEventBridge events = new SignedEventBridge(moto, "us-east-1", bus, CREDENTIALS);
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(moto)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
        String queueUrl = sqs.createQueue(b -> b.queueName(servers.uniqueName("bus-target")))
                .queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        events.call("CreateEventBus", CheckoutJson.MAPPER.createObjectNode().put("Name", bus));
        events.call(
                "PutRule",
                CheckoutJson.MAPPER
                        .createObjectNode()
                        .put("Name", "all")
                        .put("EventBusName", bus)
                        .put("EventPattern", "{\"source\":[\"opfunctions.checkout\"]}"));
        var targets = CheckoutJson.MAPPER.createObjectNode().put("Rule", "all").put("EventBusName", bus);
        targets.putArray("Targets").addObject().put("Id", "q").put("Arn", queueArn);
        events.call("PutTargets", targets);
        CheckoutFixture f = new CheckoutFixture();
        var c = f.started(CheckoutFixture.b2c("o-bus"));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        List<StorefrontEvent> storefront = EventFakes.stream(f.store).stream()
                .flatMap(t -> t.storefrontEvents().stream())
                .toList();

        events.publish(storefront);

        var got = sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2))
                .messages();
        assertEquals(2, got.size());
        JsonNode completed = got.stream()
                .map(m -> read(m.body()))
                .filter(n -> n.path("detail-type").asText().equals("checkout.completed"))
                .findFirst()
                .orElseThrow();
        assertEquals("opfunctions.checkout", completed.path("source").asText());
        assertEquals(storefront.get(1).detail(), completed.path("detail").toString());
        sqs.close();
    }

    @Test
    void aBusThatDoesNotExistIsAnErrorNamingIt(LocalServers servers) {
        SignedEventBridge events =
                new SignedEventBridge(servers.secrets().endpoint(), "us-east-1", "no-such-bus", CREDENTIALS);
        CheckoutFixture f = new CheckoutFixture();
        var c = f.started(CheckoutFixture.b2c("o-nobus"));
        f.consent(c).orElseThrow();
        f.drain(f.worker(), 10);
        var one = EventFakes.stream(f.store).stream()
                .flatMap(t -> t.storefrontEvents().stream())
                .toList()
                .subList(0, 1);

        var e = assertThrows(IllegalStateException.class, () -> events.publish(one));

        assertTrue(
                e.getMessage().contains("no-such-bus") || e.getMessage().contains("ResourceNotFound"), e.getMessage());
    }

    private static JsonNode read(String json) {
        try {
            return CheckoutJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
