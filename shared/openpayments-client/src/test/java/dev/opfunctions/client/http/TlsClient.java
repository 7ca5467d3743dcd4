package dev.opfunctions.client.http;

import dev.opfunctions.client.OpenPaymentsException;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;

/**
 * Run by {@link TlsHostNameTest} in a child JVM whose default trust store holds the test's certificates
 * ({@code -Djavax.net.ssl.trustStore}): fetches each URL over https, every host name resolved to loopback
 * by the client's resolver hook, and prints one line per URL saying how it ended.
 */
public final class TlsClient {

    private TlsClient() {}

    public static void main(String[] urls) {
        var http = new OpenPaymentsHttp(
                ClientConfig.defaults()
                        .withRetryPolicy(RetryPolicy.none())
                        .withAddressResolver(host -> List.of(InetAddress.getLoopbackAddress())),
                null,
                d -> {},
                new Random(1));
        for (String url : urls) {
            try {
                System.out.println(url + " answered "
                        + http.send(ApiRequest.get(url, null)).status());
            } catch (OpenPaymentsException e) {
                System.out.println(url + " refused " + e.kind() + ": " + e.getMessage());
            }
        }
    }
}
