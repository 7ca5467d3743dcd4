package dev.opfunctions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.ClientKey;
import dev.opfunctions.checkout.order.UrlPolicy;
import dev.opfunctions.checkout.port.HostResolver;
import dev.opfunctions.client.OpenPaymentsClient;
import dev.opfunctions.client.OpenPaymentsException;
import dev.opfunctions.client.http.AddressResolver;
import dev.opfunctions.client.http.RefusedAddressException;
import dev.opfunctions.client.keys.Ed25519Keys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The functions' Open Payments client connects only to addresses the URL policy resolved and checked. */
class CheckedAddressesTest {

    private static final Map<String, String> DNS = Map.of(
            "wallet.example", "93.184.216.34",
            "rebound.example", "10.0.0.1");

    private static final HostResolver RESOLVER = host -> {
        String ip = DNS.get(host);
        if (ip == null) throw new UnknownHostException(host);
        return List.of(InetAddress.getByName(ip));
    };

    private final AddressResolver checked = AwsPorts.checkedBy(new UrlPolicy(false, Set.of(), RESOLVER));

    @Test
    void aPublicNameResolvesToItsCheckedAddress() throws Exception {
        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), checked.resolve("wallet.example"));
    }

    @Test
    void aNameThatResolvesInternallyIsRefusedAndOneThatDoesNotResolveIsUnknown() {
        var refused = assertThrows(RefusedAddressException.class, () -> checked.resolve("rebound.example"));
        assertThrows(UnknownHostException.class, () -> checked.resolve("nowhere.example"));

        assertTrue(refused.getMessage().contains("10.0.0.1"), refused.getMessage());
    }

    @Test
    void theFunctionsClientUsesTheCheckedResolverAndRefusesBeforeConnecting() {
        var key = Ed25519Keys.generate("k1");
        FunctionConfig config = FunctionConfig.from(Map.of("TABLE_NAME", "t"));
        OpenPaymentsClient client = AwsPorts.client(
                config,
                new ClientKey("https://wallet.example/shop", "k1", key.privateKeyPem()),
                Clock.systemUTC(),
                checked);

        OpenPaymentsException e = assertThrows(
                OpenPaymentsException.class, () -> client.walletAddresses().get("https://rebound.example/alice"));

        assertEquals(checked, client.config().addressResolver());
        assertEquals(OpenPaymentsException.Kind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("internal address"), e.getMessage());
    }
}
