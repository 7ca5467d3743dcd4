package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.OpenPaymentsException.Kind;
import dev.opfunctions.client.testing.FakeServer;
import dev.opfunctions.client.testing.FakeServer.Answer;
import dev.opfunctions.client.testing.RecordingSigner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client connects only to an address its {@link AddressResolver} returned: the hook is where a
 * deployment checks addresses, so the address checked is the address connected to (no DNS rebinding).
 */
class AddressResolverTest {

    /** Under .invalid (RFC 6761): no resolver anywhere may answer for it. */
    private static final String MADE_UP_HOST = "wallet-" + System.nanoTime() + ".invalid";

    private final FakeServer server = new FakeServer();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenPaymentsHttp client(AddressResolver resolver) {
        return new OpenPaymentsHttp(
                ClientConfig.defaults().withLocalDevelopment(true).withAddressResolver(host -> {
                    asked.add(host);
                    return resolver.resolve(host);
                }),
                new RecordingSigner(),
                d -> {},
                new Random(1));
    }

    private String urlOn(String host) {
        return "http://" + host + ":" + server.base().substring(server.base().lastIndexOf(':') + 1) + "/alice";
    }

    @Test
    void connectsToTheAddressTheHookGaveForANameNoOtherResolverKnows() {
        assertThrows(UnknownHostException.class, () -> InetAddress.getAllByName(MADE_UP_HOST), "precondition");
        server.on("GET", "/alice", Answer.json(200, "{}"));
        OpenPaymentsHttp http = client(host -> List.of(InetAddress.getLoopbackAddress()));

        ApiResponse r = http.send(ApiRequest.get(urlOn(MADE_UP_HOST), null));

        assertEquals(200, r.status());
        assertEquals(List.of(MADE_UP_HOST), asked);
        assertTrue(server.last().header("Host").startsWith(MADE_UP_HOST + ":"), "the Host header keeps the name");
    }

    @Test
    void triesTheHooksAddressesInOrder() throws Exception {
        server.on("GET", "/alice", Answer.json(200, "{}"));
        // 127.0.0.2 is loopback too, but nothing listens on the port there.
        InetAddress nobodyThere = InetAddress.getByName("127.0.0.2");
        OpenPaymentsHttp http = client(host -> List.of(nobodyThere, InetAddress.getLoopbackAddress()));

        ApiResponse r = http.send(ApiRequest.get(urlOn(MADE_UP_HOST), null));

        assertEquals(200, r.status());
        assertEquals(1, server.requests().size());
    }

    @Test
    void aRefusingHookFailsTheRequestBeforeAnyByteIsSent() {
        server.handler(r -> Answer.json(200, "{}"));
        OpenPaymentsHttp http = client(host -> {
            throw new RefusedAddressException("wallet server host " + host + " resolves to an internal address");
        });

        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> http.send(ApiRequest.get(urlOn("127.0.0.1"), null)));

        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("resolves to an internal address"), e.getMessage());
        assertFalse(e.retryable());
        assertEquals(List.of("127.0.0.1"), asked, "asked once, not retried");
        assertEquals(0, server.requests().size());
    }

    @Test
    void aNameTheHookCannotResolveIsAConnectionFailure() {
        OpenPaymentsHttp http = client(host -> {
            throw new UnknownHostException(host);
        });

        OpenPaymentsException e =
                assertThrows(OpenPaymentsException.class, () -> http.send(ApiRequest.get(urlOn(MADE_UP_HOST), null)));

        assertEquals(Kind.CONNECTION, e.kind());
        assertEquals(3, asked.size(), "a GET is retried like any connection failure, resolving again each time");
    }

    @Test
    void theDefaultHookIsTheSystemResolver() {
        assertEquals(AddressResolver.SYSTEM, ClientConfig.defaults().addressResolver());
    }
}
