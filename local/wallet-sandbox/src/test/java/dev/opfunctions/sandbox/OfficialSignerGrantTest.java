package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.opfunctions.client.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grant requests signed by the official {@code createHeaders} (http-signature-utils 2.0.3) with keys the
 * client does or does not publish: Rafiki's auth server answers an unknown key id with
 * {@code 400 invalid_client} and a wrong key under a known id with {@code 401 invalid_client}.
 */
class OfficialSignerGrantTest {

    private final World world = World.start();

    @BeforeEach
    void requireNode() {
        assumeTrue(NodeScenario.dependenciesInstalled(), "local/node/node_modules missing; run bin/node-deps");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void keyIdTheClientDoesNotPublishCannotDetermineTheClient() throws Exception {
        OpClient.Reply reply = grantSignedBy(TestKeys.generate("not-published"));

        Expect.gnapError(reply, 400, "invalid_client", "could not determine client");
    }

    @Test
    void anotherKeyUnderThePublishedKeyIdIsAnInvalidSignature() throws Exception {
        OpClient.Reply reply = grantSignedBy(TestKeys.generate(world.keys.keyId()));

        Expect.gnapError(reply, 401, "invalid_client", "invalid signature");
    }

    @Test
    void thePublishedKeyGetsTheGrant() throws Exception {
        OpClient.Reply reply = grantSignedBy(world.keys);

        org.junit.jupiter.api.Assertions.assertEquals(
                200, reply.status(), () -> reply.body().toString());
    }

    private OpClient.Reply grantSignedBy(TestKeys keys) throws Exception {
        String url = world.authServer(world.retailer);
        String body = new String(
                Json.stringify(Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("create"))),
                StandardCharsets.UTF_8);
        Map<String, Object> sign = Bodies.ordered(
                "id",
                "1",
                "op",
                "sign",
                "privateKeyPem",
                keys.pem(),
                "keyId",
                keys.keyId(),
                "request",
                Bodies.ordered("method", "POST", "url", url, "headers", Map.of(), "body", body));
        Map<String, String> headers = new LinkedHashMap<>();
        NodeInterop.run("signatures.mjs", List.of(sign))
                .get(0)
                .get("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return world.op.sendAsIs("POST", url, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
