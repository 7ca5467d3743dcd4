package dev.opfunctions.client.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns the host of a URL into the addresses the client may connect to. The client resolves each host
 * exactly once per connection, through this hook, and connects a socket to one of the addresses it
 * returned, never to anything the JVM's resolver says later. So a check made here is the check that holds
 * for the connection: a name whose DNS answer changes between a separate check and the connect (DNS
 * rebinding) cannot slip past it.
 *
 * <p>A hook rather than a JVM-wide {@code java.net.spi.InetAddressResolverProvider}: the JDK loads
 * those with the system class loader, and in AWS Lambda the function's jar is on a child loader, so a
 * provider shipped in it would silently not apply. TLS still verifies the certificate against the
 * URL's host name, whichever address was connected to.
 */
@FunctionalInterface
public interface AddressResolver {

    /**
     * @param host a host name, or an IP literal (IPv6 without brackets)
     * @return the addresses to try, in order; never empty
     * @throws UnknownHostException    the name does not resolve (a connection failure, like any other)
     * @throws RefusedAddressException the name must not be called: nothing is sent, and the request fails
     *                                 as an invalid request (it would fail the same way again)
     */
    List<InetAddress> resolve(String host) throws UnknownHostException, RefusedAddressException;

    /**
     * The JVM's resolver with no check: the client module knows no network policy of its own, so a
     * deployment that calls hosts its users choose passes one that refuses internal addresses.
     */
    AddressResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
