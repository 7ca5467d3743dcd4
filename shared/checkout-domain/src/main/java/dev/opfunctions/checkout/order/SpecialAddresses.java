package dev.opfunctions.checkout.order;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a wallet can never legitimately have, so that a wallet URL cannot point the functions into
 * the network they run in. Built from the IANA IPv4 and IPv6 Special-Purpose Address Registries, taken
 * whole (also their few "globally reachable" entries such as AS112 or anycast relays: no wallet lives
 * there), plus multicast, IPv6 site-local, and every IPv6 address outside global unicast 2000::/3.
 *
 * <p>IPv6 forms that carry an IPv4 address are judged by that address too: IPv4-mapped {@code ::ffff:0:0/96}
 * and NAT64 {@code 64:ff9b::/96} reach the embedded IPv4 address and are refused when it is refused;
 * IPv4-compatible {@code ::/96}, local-use NAT64 {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16} and Teredo
 * {@code 2001::/32} are refused outright (deprecated, local-only or tunnels to an arbitrary IPv4 address),
 * and the message names the embedded address when there is one.
 */
final class SpecialAddresses {

    /** One registry entry: a prefix and what it is. */
    private record Block(byte[] prefix, int bits, String name) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) return false;
            int full = bits / 8;
            for (int i = 0; i < full; i++) if (address[i] != prefix[i]) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            v4("0.0.0.0", 8, "\"this network\" (0.0.0.0/8)"),
            v4("10.0.0.0", 8, "private (10.0.0.0/8)"),
            v4("100.64.0.0", 10, "carrier-grade NAT (100.64.0.0/10)"),
            v4("127.0.0.0", 8, "loopback (127.0.0.0/8)"),
            v4("169.254.0.0", 16, "link-local (169.254.0.0/16)"),
            v4("172.16.0.0", 12, "private (172.16.0.0/12)"),
            v4("192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"),
            v4("192.0.2.0", 24, "documentation (192.0.2.0/24)"),
            v4("192.31.196.0", 24, "AS112 (192.31.196.0/24)"),
            v4("192.52.193.0", 24, "AMT (192.52.193.0/24)"),
            v4("192.88.99.0", 24, "6to4 relay anycast (192.88.99.0/24)"),
            v4("192.168.0.0", 16, "private (192.168.0.0/16)"),
            v4("192.175.48.0", 24, "AS112 direct delegation (192.175.48.0/24)"),
            v4("198.18.0.0", 15, "benchmarking (198.18.0.0/15)"),
            v4("198.51.100.0", 24, "documentation (198.51.100.0/24)"),
            v4("203.0.113.0", 24, "documentation (203.0.113.0/24)"),
            v4("224.0.0.0", 4, "multicast (224.0.0.0/4)"),
            v4("255.255.255.255", 32, "limited broadcast (255.255.255.255/32)"),
            v4("240.0.0.0", 4, "reserved (240.0.0.0/4)"));

    // Written as bytes: InetAddress turns an IPv4-mapped literal into a 4-byte IPv4 address.
    private static final Block V4_MAPPED = new Block(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0},
            96,
            "IPv4-mapped (::ffff:0:0/96)");
    private static final Block NAT64 = v6("64:ff9b::", 96, "NAT64 (64:ff9b::/96)");
    private static final Block V4_COMPATIBLE = v6("::", 96, "IPv4-compatible, deprecated (::/96)");
    private static final Block SIX_TO_FOUR = v6("2002::", 16, "6to4 (2002::/16)");
    private static final Block TEREDO = v6("2001::", 32, "Teredo (2001::/32)");

    private static final List<Block> IPV6 = List.of(
            v6("::1", 128, "loopback (::1/128)"),
            v6("::", 128, "unspecified (::/128)"),
            v6("64:ff9b:1::", 48, "local-use NAT64 (64:ff9b:1::/48)"),
            v6("100::", 64, "discard-only (100::/64)"),
            v6("100:0:0:1::", 64, "dummy prefix (100:0:0:1::/64)"),
            v6("2001::", 23, "IETF protocol assignments (2001::/23)"),
            v6("2001:db8::", 32, "documentation (2001:db8::/32)"),
            v6("2620:4f:8000::", 48, "AS112 direct delegation (2620:4f:8000::/48)"),
            v6("3fff::", 20, "documentation (3fff::/20)"),
            v6("5f00::", 16, "SRv6 SIDs (5f00::/16)"),
            v6("fc00::", 7, "unique-local (fc00::/7)"),
            v6("fe80::", 10, "link-local (fe80::/10)"),
            v6("fec0::", 10, "site-local, deprecated (fec0::/10)"),
            v6("ff00::", 8, "multicast (ff00::/8)"));

    private static final Block GLOBAL_UNICAST = v6("2000::", 3, "global unicast");

    private SpecialAddresses() {}

    /** What kind of special address {@code a} is, or empty for an ordinary public address. */
    static Optional<String> refusal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 ? ipv4(b) : ipv6(b);
    }

    private static Optional<String> ipv4(byte[] b) {
        for (Block block : IPV4) if (block.contains(b)) return Optional.of(block.name());
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        if (V4_MAPPED.contains(b) || NAT64.contains(b)) {
            Block form = V4_MAPPED.contains(b) ? V4_MAPPED : NAT64;
            byte[] v4 = Arrays.copyOfRange(b, 12, 16);
            return ipv4(v4).map(kind -> form.name() + " of " + text(v4) + ", " + kind);
        }
        if (TEREDO.contains(b)) {
            byte[] client = new byte[4]; // Teredo stores the client's IPv4 address inverted in the last 32 bits
            for (int i = 0; i < 4; i++) client[i] = (byte) ~b[12 + i];
            return Optional.of(TEREDO.name() + " of " + text(client));
        }
        for (Block block : IPV6) if (block.contains(b)) return Optional.of(block.name());
        if (V4_COMPATIBLE.contains(b))
            return Optional.of(V4_COMPATIBLE.name() + " of " + text(Arrays.copyOfRange(b, 12, 16)));
        if (SIX_TO_FOUR.contains(b))
            return Optional.of(SIX_TO_FOUR.name() + " of " + text(Arrays.copyOfRange(b, 2, 6)));
        if (!GLOBAL_UNICAST.contains(b)) return Optional.of("reserved, outside global unicast 2000::/3");
        return Optional.empty();
    }

    private static String text(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static Block v4(String address, int bits, String name) {
        return new Block(bytes(address), bits, name);
    }

    private static Block v6(String address, int bits, String name) {
        byte[] b = bytes(address);
        if (b.length != 16) throw new IllegalStateException(address + " is not an IPv6 literal");
        return new Block(b, bits, name);
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad literal " + literal, e);
        }
    }
}
