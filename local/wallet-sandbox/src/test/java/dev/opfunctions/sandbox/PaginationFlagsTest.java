package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code page-info} flags as Rafiki's {@code getPageInfo} sets them (shared/pagination.ts): an empty page
 * has neither neighbour; otherwise {@code hasNextPage} says an item follows the page's last and
 * {@code hasPreviousPage} that one precedes its first.
 */
class PaginationFlagsTest {

    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    private final World world = World.start();
    private String base;
    private String token;

    @BeforeEach
    void threePayments() {
        for (int i = 1; i <= 3; i++) world.incomingPayment(i);
        token = world.token(world.retailer, "incoming-payment", "list");
        base = world.resourceServer(world.retailer) + "/incoming-payments?wallet-address="
                + URLEncoder.encode(world.retailer, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void unknownCursorGivesAnEmptyPageWithoutNeighboursBothWays() {
        OpClient.Reply forward = world.op.get(base + "&first=2&cursor=" + UNKNOWN, token);
        OpClient.Reply backward = world.op.get(base + "&last=2&cursor=" + UNKNOWN, token);

        for (OpClient.Reply page : new OpClient.Reply[] {forward, backward}) {
            assertEquals(200, page.status());
            assertEquals(0, page.body().get("result").size());
            assertFalse(page.body().at("/pagination/hasNextPage").asBoolean());
            assertFalse(page.body().at("/pagination/hasPreviousPage").asBoolean());
            assertTrue(page.body().at("/pagination/startCursor").isMissingNode());
            Expect.validResourceResponse("GET", "/incoming-payments", page);
        }
    }

    @Test
    void pageAfterTheLastItemIsEmptyWithoutNeighbours() {
        String last = world.op
                .get(base + "&first=3", token)
                .body()
                .at("/pagination/endCursor")
                .asText();

        OpClient.Reply after = world.op.get(base + "&first=2&cursor=" + last, token);

        assertEquals(0, after.body().get("result").size());
        assertFalse(after.body().at("/pagination/hasPreviousPage").asBoolean());
        assertFalse(after.body().at("/pagination/hasNextPage").asBoolean());
    }

    @Test
    void middleAndLastPagesSayWhatIsAroundThem() {
        String firstEnd = world.op
                .get(base + "&first=1", token)
                .body()
                .at("/pagination/endCursor")
                .asText();

        OpClient.Reply middle = world.op.get(base + "&first=1&cursor=" + firstEnd, token);
        OpClient.Reply last = world.op.get(base + "&first=5&cursor=" + firstEnd, token);

        assertTrue(middle.body().at("/pagination/hasNextPage").asBoolean());
        assertTrue(middle.body().at("/pagination/hasPreviousPage").asBoolean());
        assertEquals(2, last.body().get("result").size());
        assertFalse(last.body().at("/pagination/hasNextPage").asBoolean());
        assertTrue(last.body().at("/pagination/hasPreviousPage").asBoolean());
    }
}
