package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox can write "localhost" into its URLs, and signatures then cover localhost target URIs. */
class HostConfigurationTest {

    @Test
    void servesAndVerifiesSignedRequestsUnderLocalhost() {
        try (World world =
                new World(SandboxConfig.demoWorld().withWaitSeconds(0).withHosts("127.0.0.1", "localhost"))) {
            OpClient.Reply address = world.unsigned.get(world.customer, null);
            OpClient.Reply grant = world.op.post(
                    world.authServer(world.retailer),
                    null,
                    Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("create")));

            assertTrue(world.customer.startsWith("http://localhost:"), world.customer);
            assertEquals(world.customer, address.body().get("id").asText());
            assertTrue(address.body().get("authServer").asText().startsWith("http://localhost:"));
            assertEquals(200, grant.status(), () -> grant.body().toString());
        }
    }
}
