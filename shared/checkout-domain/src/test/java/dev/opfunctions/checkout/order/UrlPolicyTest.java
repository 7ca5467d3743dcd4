package dev.opfunctions.checkout.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.Result;
import dev.opfunctions.checkout.port.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {

    /** Names resolve from this table only, so the tests need no DNS. */
    private static final Map<String, String> DNS = Map.of(
            "wallet.example", "93.184.216.34",
            "wallet6.example", "2606:4700::1111",
            "rebound.example", "169.254.169.254",
            "nat64.example", "64:ff9b::a9fe:a9fe",
            "unique-local.example", "fd12:3456::1");

    private static final HostResolver RESOLVER = host -> {
        String ip = DNS.get(host);
        if (ip == null) throw new UnknownHostException(host);
        return List.of(InetAddress.getByName(ip));
    };
    private final UrlPolicy policy = new UrlPolicy(false, Set.of("https://shop.example"), RESOLVER);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0.0.0.0       | this network",
                "0.255.1.2     | this network",
                "10.1.2.3      | private",
                "100.64.0.1    | carrier-grade NAT",
                "100.127.255.255 | carrier-grade NAT",
                "127.0.0.1     | loopback",
                "127.255.0.9   | loopback",
                "169.254.169.254 | link-local",
                "172.16.0.1    | private",
                "172.31.255.255 | private",
                "192.0.0.9     | IETF protocol assignments",
                "192.0.2.10    | documentation",
                "192.31.196.1  | AS112",
                "192.52.193.1  | AMT",
                "192.88.99.1   | 6to4 relay anycast",
                "192.168.1.1   | private",
                "192.175.48.1  | AS112 direct delegation",
                "198.18.0.1    | benchmarking",
                "198.19.255.255 | benchmarking",
                "198.51.100.7  | documentation",
                "203.0.113.7   | documentation",
                "224.0.0.1     | multicast",
                "239.255.255.250 | multicast",
                "240.0.0.1     | reserved",
                "255.255.255.255 | limited broadcast",
                "::1           | loopback",
                "::            | unspecified",
                "::127.0.0.1   | IPv4-compatible, deprecated (::/96) of 127.0.0.1",
                "::8.8.8.8     | IPv4-compatible",
                "::ffff:10.0.0.1 | private",
                "::ffff:127.0.0.1 | loopback",
                "64:ff9b::a9fe:a9fe | NAT64 (64:ff9b::/96) of 169.254.169.254, link-local",
                "64:ff9b::7f00:1 | NAT64 (64:ff9b::/96) of 127.0.0.1, loopback",
                "64:ff9b:1::a9fe:a9fe | local-use NAT64",
                "100::1        | discard-only",
                "100:0:0:1::1  | dummy prefix",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo (2001::/32) of 192.0.2.45",
                "2001:2::1     | IETF protocol assignments",
                "2001:db8::1   | documentation",
                "2002:a9fe:a9fe:: | 6to4 (2002::/16) of 169.254.169.254",
                "2002:808:808::1 | 6to4 (2002::/16) of 8.8.8.8",
                "2620:4f:8000::1 | AS112 direct delegation",
                "3fff::1       | documentation",
                "5f00::1       | SRv6",
                "fc00::1       | unique-local",
                "fd00::1       | unique-local",
                "fe80::1       | link-local",
                "febf::1       | link-local",
                "fec0::1       | site-local",
                "ff02::1       | multicast",
                "4000::1       | reserved, outside global unicast"
            })
    void refusesEverySpecialPurposeAddressNamingItsKind(String ip, String kind) throws Exception {
        InetAddress a = InetAddress.getByName(ip);

        assertTrue(UrlPolicy.isInternal(a), ip);
        String refusal = SpecialAddresses.refusal(a).orElseThrow();
        assertTrue(refusal.contains(kind), ip + " gave " + refusal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "1.1.1.1",
                "11.0.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "172.15.255.255",
                "172.32.0.1",
                "192.0.1.1",
                "192.167.255.255",
                "198.17.255.255",
                "198.20.0.1",
                "223.255.255.255",
                "2606:4700::1111",
                "2a00:1450:4001::1",
                "2001:200::1",
                "2001:db9::1",
                "64:ff9b::808:808",
                "::ffff:8.8.8.8",
                "2003::1"
            })
    void letsOrdinaryPublicAddressesThrough(String ip) throws Exception {
        assertFalse(UrlPolicy.isInternal(InetAddress.getByName(ip)), ip);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://[::127.0.0.1]/alice",
                "https://[::ffff:10.0.0.1]/alice",
                "https://[::ffff:7f00:1]/alice",
                "https://[64:ff9b::a9fe:a9fe]/alice",
                "https://[64:ff9b::169.254.169.254]/alice",
                "https://[64:ff9b:1::a9fe:a9fe]/alice",
                "https://[2002:a9fe:a9fe::]/alice",
                "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/alice",
                "https://[fd00::1]:8443/alice",
                "https://[fe80::1]/alice",
                "https://[::]/alice",
                "https://169.254.169.254/latest/meta-data",
                "https://127.0.0.1/alice",
                "https://0.0.0.0/alice",
                "https://255.255.255.255/alice",
                "https://198.18.0.1/alice",
                "https://2130706433/alice",
                "https://0x7f000001/alice",
                "https://0177.0.0.1/alice",
                "https://rebound.example/alice",
                "https://nat64.example/alice",
                "https://unique-local.example/alice",
                "$rebound.example/alice"
            })
    void refusesWalletUrlsThatAreOrEmbedOrResolveToInternalAddresses(String url) {
        Result.Err<String> err = assertInstanceOf(Result.Err.class, policy.walletAddress(url, "customerWalletAddress"));

        assertEquals(
                ErrorCode.WALLET_ADDRESS_NOT_ALLOWED,
                err.problem().code(),
                err.problem().message());
        assertTrue(
                err.problem().message().startsWith("customerWalletAddress host "),
                err.problem().message());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://0x7f.1/alice",
                "https://127.1/alice",
                "https://127.0.0.1./alice",
                "https://wallet.1/alice",
                "https://017700000001/alice"
            })
    void refusesEveryOtherNumericHostForm(String url) {
        // java.net.URI already refuses some of these as malformed; either way none is called.
        Result.Err<String> err = assertInstanceOf(Result.Err.class, policy.walletAddress(url, "customerWalletAddress"));

        assertTrue(
                Set.of(ErrorCode.WALLET_ADDRESS_NOT_ALLOWED, ErrorCode.INVALID_WALLET_ADDRESS)
                        .contains(err.problem().code()),
                err.problem().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[64:ff9b::a9fe:a9fe]/", "https://[2002:a9fe:a9fe::]/", "https://rebound.example/"})
    void appliesTheSameCheckToServerUrlsFromWalletDocuments(String url) {
        Result.Err<String> err = assertInstanceOf(Result.Err.class, policy.serverUrl(url, "authServer"));

        assertEquals(ErrorCode.WALLET_ADDRESS_NOT_ALLOWED, err.problem().code());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://wallet.example/alice",
                "https://wallet6.example/alice",
                "https://93.184.216.34/alice",
                "https://[2606:4700::1111]/alice",
                "https://[64:ff9b::808:808]/alice",
                "$wallet.example/alice"
            })
    void acceptsPublicWallets(String url) {
        assertInstanceOf(Result.Ok.class, policy.walletAddress(url, "customerWalletAddress"));
    }

    @Test
    void reportsANameThatDoesNotResolveAsNotFound() {
        Result.Err<String> err = assertInstanceOf(
                Result.Err.class, policy.walletAddress("https://nowhere.example/alice", "customerWalletAddress"));

        assertEquals(ErrorCode.WALLET_ADDRESS_NOT_FOUND, err.problem().code());
    }

    @Test
    void allowsLoopbackOnlyInLocalDevelopment() {
        UrlPolicy local = new UrlPolicy(true, Set.of(), RESOLVER);

        assertInstanceOf(Result.Ok.class, local.walletAddress("http://127.0.0.1:4000/alice", "customerWalletAddress"));
        assertInstanceOf(Result.Ok.class, local.walletAddress("https://[::127.0.0.1]/alice", "customerWalletAddress"));
    }
}
