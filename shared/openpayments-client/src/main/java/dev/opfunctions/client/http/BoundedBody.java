package dev.opfunctions.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A response body read into memory up to a limit and never past it: the buffer grows with what
 * arrives (so a small answer costs little) to at most one byte over the limit, which is how a body
 * that does not end there is recognised; reading stops at that byte.
 */
final class BoundedBody {

    private static final int FIRST_CHUNK = 8 * 1024;

    private final InputStream in;
    private final int max;
    private final int status;
    private byte[] buf = new byte[0];
    private int size;

    BoundedBody(InputStream in, int max, int status) {
        this.in = in;
        this.max = max;
        this.status = status;
    }

    /** Reads exactly {@code n} more bytes (a Content-Length or a chunk), refusing at once if they would not fit. */
    void readExactly(long n) throws IOException {
        if (n > max - size) throw tooLarge();
        int end = size + (int) n;
        ensure(end);
        while (size < end) {
            int r = in.read(buf, size, end - size);
            if (r < 0) throw new IOException("connection closed after " + size + " of " + end + " body bytes");
            size += r;
        }
    }

    /** Reads until the server closes the connection (a body framed by neither length nor chunks). */
    void readToEnd() throws IOException {
        while (true) {
            if (size == buf.length) ensure(size + 1);
            int r = in.read(buf, size, buf.length - size);
            if (r < 0) return;
            size += r;
            if (size > max) throw tooLarge();
        }
    }

    byte[] bytes() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    /** Grows the buffer to hold at least {@code needed} bytes, doubling, never past one byte over the limit. */
    private void ensure(int needed) {
        if (needed <= buf.length) return;
        int capacity = (int) Math.min((long) max + 1, Math.max(needed, Math.max(FIRST_CHUNK, 2L * buf.length)));
        buf = Arrays.copyOf(buf, capacity);
    }

    private HttpTransport.TooLarge tooLarge() {
        return new HttpTransport.TooLarge("HTTP " + status + " answered with more than " + HttpTransport.size(max));
    }
}
