package dev.opfunctions.client.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens the connection for one exchange: the host is resolved once, through the configured
 * {@link AddressResolver}, and a socket is connected to one of exactly those addresses (tried in
 * order). For https the socket is then wrapped in TLS from the JDK's default {@code SSLContext}, with the
 * URL's host name as SNI and as the name the certificate must carry (endpoint identification
 * {@code HTTPS}), so connecting by address never weakens the certificate check.
 */
final class Connector {

    /** The plain socket (what the timer closes) and the one to talk over (the same, or TLS on top of it). */
    record Connection(Socket raw, Socket io) {}

    private Connector() {}

    static Connection open(URI uri, ClientConfig config, ExchangeTimer timer)
            throws IOException, RefusedAddressException {
        String host = hostOf(uri);
        boolean tls = uri.getScheme().equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        List<InetAddress> addresses = config.addressResolver().resolve(host);
        if (addresses == null || addresses.isEmpty()) throw new UnknownHostException(host + " resolved to no address");
        Socket raw = connect(addresses, port, config.connectTimeout(), timer);
        try {
            raw.setSoTimeout(timer.remainingMillis());
            return new Connection(raw, tls ? handshake(raw, host, port) : raw);
        } catch (IOException | RuntimeException e) {
            ExchangeTimer.closeQuietly(raw);
            throw e;
        }
    }

    /** The host as the resolver and TLS want it: an IPv6 literal without its brackets. */
    static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Socket connect(List<InetAddress> addresses, int port, Duration connectTimeout, ExchangeTimer timer)
            throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            if (timer.fired()) break;
            int left = timer.remainingMillis();
            boolean connectLimitFirst = connectTimeout.toMillis() < left;
            Socket raw = new Socket();
            timer.guard(raw);
            try {
                raw.setTcpNoDelay(true);
                raw.connect(new InetSocketAddress(address, port), (int) Math.min(connectTimeout.toMillis(), left));
                return raw;
            } catch (IOException e) {
                ExchangeTimer.closeQuietly(raw);
                if (timer.fired()) throw new HttpTransport.TimedOut(false, e);
                last = e instanceof SocketTimeoutException && connectLimitFirst
                        ? new HttpTransport.TimedOut(true, e)
                        : e;
            }
        }
        if (last == null || timer.fired()) throw new HttpTransport.TimedOut(false, last);
        throw last;
    }

    private static Socket handshake(Socket raw, String host, int port) throws IOException {
        SSLSocket tls =
                (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(raw, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            try {
                params.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException notAnSniName) {
                // e.g. a trailing dot: SNI is only a hint to the server; the certificate check below still applies
            }
        }
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
