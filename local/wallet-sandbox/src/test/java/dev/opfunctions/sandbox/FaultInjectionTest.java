package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.sandbox.faults.FaultRule;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Injected latency, 5xx answers, timeouts and "commit then drop the response". */
class FaultInjectionTest {

    private final World world = World.start();

    @AfterEach
    void stop() {
        world.close();
    }

    private int incomingPaymentCount() {
        String list = world.resourceServer(world.retailer) + "/incoming-payments?wallet-address="
                + URLEncoder.encode(world.retailer, StandardCharsets.UTF_8);
        return world.op
                .get(list, world.token(world.retailer, "incoming-payment", "list"))
                .body()
                .get("result")
                .size();
    }

    private OpClient.Reply createIncomingPayment(String token) {
        return world.op.post(
                world.resourceServer(world.retailer) + "/incoming-payments",
                token,
                Bodies.ordered("walletAddress", world.retailer));
    }

    @Test
    void latencyDelaysOnlyMatchingRequests() {
        world.sandbox.admin().faults().add(FaultRule.on("GET", "/customer").withLatency(Duration.ofMillis(300)));

        long slowStart = System.nanoTime();
        world.unsigned.get(world.customer, null);
        long slow = (System.nanoTime() - slowStart) / 1_000_000;
        long fastStart = System.nanoTime();
        world.unsigned.get(world.retailer, null);
        long fast = (System.nanoTime() - fastStart) / 1_000_000;

        assertTrue(slow >= 300, "slow took " + slow + " ms");
        assertTrue(fast < 300, "fast took " + fast + " ms");
    }

    @Test
    void errorShareAnswersExactlyThatShareWith5xx() {
        world.sandbox.admin().faults().add(FaultRule.on("GET", "/customer").failing(0.5, 503));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            statuses.add(world.unsigned.get(world.customer, null).status());

        assertEquals(List.of(200, 503, 200, 503), statuses);
    }

    @Test
    void timeoutHoldsTheRequestAndNeverProcessesIt() {
        String token = world.token(world.retailer, "incoming-payment", "create");
        world.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", "/op/incoming-payments")
                        .timingOutAfter(Duration.ofMillis(300))
                        .times(1));

        assertThrows(UncheckedIOException.class, () -> createIncomingPayment(token));

        assertEquals(0, incomingPaymentCount());
    }

    @Test
    void dropAfterCommitCreatesTheResourceButTheClientNeverHears() {
        String token = world.token(world.retailer, "incoming-payment", "create");
        world.sandbox
                .admin()
                .faults()
                .add(FaultRule.on("POST", "/op/incoming-payments")
                        .dropResponseAfterCommit()
                        .times(1));

        assertThrows(UncheckedIOException.class, () -> createIncomingPayment(token));
        OpClient.Reply retried = createIncomingPayment(token);

        assertEquals(201, retried.status(), "the rule fired once only");
        assertEquals(2, incomingPaymentCount(), "the dropped create happened");
        assertEquals(1, world.sandbox.admin().faults().firedCount());
    }

    @Test
    void faultsCanTargetOneProvider() {
        world.sandbox
                .admin()
                .faults()
                .add(FaultRule.on(null, "/.*").forProvider("happylifebank").failing(1.0, 500));

        assertEquals(200, world.unsigned.get(world.customer, null).status());
        assertEquals(500, world.unsigned.get(world.retailer, null).status());
    }
}
