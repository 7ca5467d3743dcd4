package dev.opfunctions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import dev.opfunctions.checkout.model.GrantToken;
import dev.opfunctions.checkout.model.WalletAddress;
import dev.opfunctions.checkout.port.WalletGateway;
import dev.opfunctions.client.model.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /history/received pages through more incoming payments than the old collect-everything route's cap
 * (50 wallet pages of 100) on the wallet sandbox: each request is one wallet page, and following
 * nextCursor reaches every incoming payment exactly once.
 */
@ExtendWith(LocalServersExtension.class)
class ReceivedPagingEndToEndTest {

    /** One more than the 50 pages × 100 the route used to stop at without saying so. */
    private static final int INCOMING_PAYMENTS = 50 * 100 + 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        stack = new LocalStack(servers, UnaryOperator.identity());
    }

    @AfterAll
    static void down() throws Exception {
        stack.close();
    }

    /** Creates incoming payments at the retailer as this client does, signed with its key, four at a time. */
    private static Set<String> createIncomingPayments(int n) throws Exception {
        WalletGateway wallets = stack.ports.wallets();
        WalletAddress retailer = wallets.walletAddress(stack.retailer);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            GrantToken token = null;
            for (int i = 0; i < n; i++) {
                // A fresh token now and then: the sandbox's tokens live 600 s, like Rafiki's.
                if (i % 1000 == 0)
                    token = wallets.requestGrant(retailer.authServer(), WalletGateway.AccessKind.INCOMING_PAYMENT);
                GrantToken t = token;
                Amount amount = Amount.of(BigInteger.valueOf(100 + i), "MXN", 2);
                int number = i;
                created.add(pool.submit(() -> wallets.createIncomingPayment(retailer, t, amount, "bulk " + number, null)
                        .id()));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : created) ids.add(f.get());
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode received(String limit, String cursor) throws Exception {
        APIGatewayV2HTTPEvent e = CheckoutEndToEndTest.http("GET", "/history/received", null, null);
        e.setQueryStringParameters(cursor == null ? Map.of("limit", limit) : Map.of("limit", limit, "cursor", cursor));
        APIGatewayV2HTTPResponse r = stack.start.handle(e);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return JSON.readTree(r.getBody());
    }

    @Test
    void followingNextCursorReachesEveryIncomingPaymentExactlyOncePastTheOldCap() throws Exception {
        long started = System.nanoTime();
        Set<String> created = createIncomingPayments(INCOMING_PAYMENTS);
        long createdMillis = (System.nanoTime() - started) / 1_000_000;

        long paging = System.nanoTime();
        List<String> seen = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = received("100", cursor);
            pages++;
            page.get("payments").forEach(p -> seen.add(p.get("id").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null && pages <= INCOMING_PAYMENTS);
        long pagingMillis = (System.nanoTime() - paging) / 1_000_000;
        System.out.printf(
                "created %d incoming payments in %d ms (%.1f ms each, 4 threads); read them in %d pages of 100 in %d ms%n",
                created.size(), createdMillis, createdMillis / (double) created.size(), pages, pagingMillis);

        assertEquals(INCOMING_PAYMENTS, created.size());
        assertEquals(created.size(), seen.size(), "every incoming payment once, none twice");
        assertEquals(created, new HashSet<>(seen));
        assertEquals(51, pages);
        assertTrue(seen.size() > 50 * 100, "past the old cap");
    }
}
