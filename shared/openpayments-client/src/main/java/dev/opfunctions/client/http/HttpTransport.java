package dev.opfunctions.client.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 exchange on a connection of its own: connect ({@link Connector}: only to an address the
 * configured resolver gave), send the request exactly as given, read the answer within the limits
 * ({@link ResponseReader}), close. The whole of it, TLS handshake and last body byte included, runs
 * within one time budget ({@link ExchangeTimer}).
 *
 * <p>Why not {@code java.net.http}: it resolves the host again when it connects (no hook), so the address
 * a URL policy checked need not be the address connected to; its body handlers read without a bound; and
 * its timeout stops at the response headers. Connections are not kept alive: each one is resolved and
 * checked anew, and a POST can never land on a connection the server has just closed, which would leave
 * its outcome unknown. TLS sessions are still resumed by the JDK's session cache, which saves most of
 * a repeated handshake. Redirects are never followed: a 3xx is an answer like any other.
 */
final class HttpTransport {

    /** A complete answer: status, headers, and the whole body (at most the configured maximum). */
    record Response(int status, HttpHeaders headers, byte[] body) {}

    /** The budget ran out; {@code connectTimeout} when it was the connect timeout, not the budget, that did. */
    static final class TimedOut extends IOException {
        final boolean connectTimeout;

        TimedOut(boolean connectTimeout, Throwable cause) {
            super(connectTimeout ? "connect timed out" : "timed out", cause);
            this.connectTimeout = connectTimeout;
        }
    }

    /** The answer's head or body passed its limit; reading stopped there. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final ClientConfig config;

    HttpTransport(ClientConfig config) {
        this.config = config;
    }

    /**
     * @param uri     the URL exactly as it goes on the wire (see {@link WireUrl}); its path and query are
     *                the request-target, its host and port the {@code Host} header
     * @param headers name and value pairs, sent in order after {@code Host}
     * @param body    the exact bytes to send, or {@code null}; {@code Content-Length} is their length
     * @throws IllegalArgumentException a header that cannot be sent as given (nothing was sent)
     */
    Response exchange(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body, Duration budget)
            throws IOException, RefusedAddressException {
        byte[] head = head(method, uri, headers, body);
        try (ExchangeTimer timer = new ExchangeTimer(budget)) {
            Connector.Connection connection = null;
            try {
                connection = Connector.open(uri, config, timer);
                OutputStream out = new BufferedOutputStream(connection.io().getOutputStream(), 8 * 1024);
                out.write(head);
                if (body != null) out.write(body);
                out.flush();
                var in = new BufferedInputStream(connection.io().getInputStream(), 8 * 1024);
                return ResponseReader.read(in, method, config.maxResponseBytes());
            } catch (TimedOut | TooLarge e) {
                throw e;
            } catch (SocketTimeoutException e) {
                // The read timeout is what was left of the budget when the connection opened: its end is the budget's.
                throw new TimedOut(false, e);
            } catch (IOException e) {
                if (timer.fired()) throw new TimedOut(false, e);
                throw e;
            } finally {
                // The plain socket, not the TLS one: an abrupt close is what ends a too-large answer at once.
                if (connection != null) ExchangeTimer.closeQuietly(connection.raw());
            }
        }
    }

    private static byte[] head(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder sb =
                new StringBuilder(512).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(uri.getHost());
        if (uri.getPort() != -1) sb.append(':').append(uri.getPort());
        sb.append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            check(h.getKey(), h.getValue());
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null) sb.append("Content-Length: ").append(body.length).append("\r\n");
        else if (method.equals("POST") || method.equals("PUT")) sb.append("Content-Length: 0\r\n");
        sb.append("Connection: close\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** No control character may reach the wire: a CR or LF in a wallet-given token would add headers. */
    private static void check(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':'))
            throw new IllegalArgumentException("header name " + name.strip() + " cannot be sent");
        if (!value.chars().allMatch(c -> (c >= 0x20 && c < 0x7f) || c == '\t'))
            throw new IllegalArgumentException("header " + name + " has a character that cannot be sent");
    }

    /** {@code 1048576} as {@code 1 MiB}: limits in messages are read by people. */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }
}
