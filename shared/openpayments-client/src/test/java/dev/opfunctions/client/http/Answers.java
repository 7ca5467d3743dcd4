package dev.opfunctions.client.http;

import dev.opfunctions.client.testing.RawServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Raw answers a hostile wallet might give, as {@link RawServer} scripts. */
final class Answers {

    static final long MB_200 = 200L * 1000 * 1000;
    private static final int CHUNK = 64 * 1024;

    /** How the endless body is framed: each takes its own path through the client's reader. */
    enum Framing {
        CONTENT_LENGTH,
        CHUNKED,
        UNTIL_CLOSE
    }

    private Answers() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A 200 answer of {@code total} bytes of JSON-looking filler, written 64 KiB at a time. */
    static RawServer.Script huge(Framing framing, long total) {
        return out -> {
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + switch (framing) {
                        case CONTENT_LENGTH -> "Content-Length: " + total + "\r\n";
                        case CHUNKED -> "Transfer-Encoding: chunked\r\n";
                        case UNTIL_CLOSE -> "Connection: close\r\n";
                    }
                    + "\r\n";
            out.write(ascii(head));
            byte[] chunk = new byte[CHUNK];
            Arrays.fill(chunk, (byte) ' ');
            byte[] size = ascii(Integer.toHexString(CHUNK) + "\r\n");
            for (long sent = 0; sent < total; sent += CHUNK) {
                if (framing == Framing.CHUNKED) out.write(size);
                out.write(chunk);
                if (framing == Framing.CHUNKED) out.write(ascii("\r\n"));
            }
            if (framing == Framing.CHUNKED) out.write(ascii("0\r\n\r\n"));
        };
    }

    /** A 200 answer whose body of {@code declared} bytes comes one byte every {@code everyMillis}. */
    static RawServer.Script trickle(int declared, long everyMillis) {
        return out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + declared + "\r\n\r\n"));
            out.flush();
            for (int i = 0; i < declared; i++) {
                Thread.sleep(everyMillis);
                out.write(' ');
                out.flush();
            }
        };
    }

    /** The given bytes, exactly, then the connection is closed. */
    static RawServer.Script exactly(String raw) {
        return out -> out.write(raw.getBytes(StandardCharsets.UTF_8));
    }
}
