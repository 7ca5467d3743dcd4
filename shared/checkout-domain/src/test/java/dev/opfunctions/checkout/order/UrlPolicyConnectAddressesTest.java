package dev.opfunctions.checkout.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.port.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The addresses the HTTP client may connect to: resolved once, returned only when none is special-purpose. */
class UrlPolicyConnectAddressesTest {

    private static final Map<String, List<String>> DNS = Map.of(
            "wallet.example", List.of("93.184.216.34"),
            "private.example", List.of("10.0.0.1"),
            "mixed.example", List.of("93.184.216.34", "127.0.0.1"));

    private final List<String> lookups = new ArrayList<>();
    private final HostResolver resolver = host -> {
        lookups.add(host);
        List<String> ips = DNS.get(host);
        if (ips == null) throw new UnknownHostException(host);
        List<InetAddress> out = new ArrayList<>();
        for (String ip : ips) out.add(InetAddress.getByName(ip));
        return out;
    };

    private UrlPolicy policy(boolean localDevelopment) {
        return new UrlPolicy(localDevelopment, Set.of(), resolver);
    }

    @Test
    void aPublicAddressIsReturnedAfterOneLookup() throws Exception {
        Result<List<InetAddress>> r = policy(false).connectAddresses("wallet.example");

        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), r.orElseThrow());
        assertEquals(List.of("wallet.example"), lookups);
    }

    @Test
    void aPrivateAddressIsRefused() {
        Result<List<InetAddress>> r = policy(false).connectAddresses("private.example");

        var err = assertInstanceOf(Result.Err.class, r);
        assertEquals(ErrorCode.WALLET_ADDRESS_NOT_ALLOWED, err.problem().code());
        assertTrue(err.problem().message().contains("10.0.0.1"), err.problem().message());
    }

    @Test
    void oneSpecialAddressAmongPublicOnesRefusesTheName() {
        var err = assertInstanceOf(Result.Err.class, policy(false).connectAddresses("mixed.example"));

        assertEquals(ErrorCode.WALLET_ADDRESS_NOT_ALLOWED, err.problem().code());
    }

    @Test
    void literalsAreCheckedWithoutALookup() throws Exception {
        var loopback = assertInstanceOf(Result.Err.class, policy(false).connectAddresses("127.0.0.1"));
        var v6 = assertInstanceOf(Result.Err.class, policy(false).connectAddresses("[::1]"));
        Result<List<InetAddress>> ok = policy(false).connectAddresses("93.184.216.34");

        assertEquals(ErrorCode.WALLET_ADDRESS_NOT_ALLOWED, loopback.problem().code());
        assertEquals(ErrorCode.WALLET_ADDRESS_NOT_ALLOWED, v6.problem().code());
        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), ok.orElseThrow());
        assertEquals(List.of(), lookups);
    }

    @Test
    void aNameThatDoesNotResolveIsNotFound() {
        var err = assertInstanceOf(Result.Err.class, policy(false).connectAddresses("nowhere.example"));

        assertEquals(ErrorCode.WALLET_ADDRESS_NOT_FOUND, err.problem().code());
    }

    @Test
    void localDevelopmentResolvesEverythingUnchecked() throws Exception {
        Result<List<InetAddress>> r = policy(true).connectAddresses("private.example");

        assertEquals(List.of(InetAddress.getByName("10.0.0.1")), r.orElseThrow());
    }
}
