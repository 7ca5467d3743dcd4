package dev.opfunctions.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one HTTP/1.1 answer (RFC 9112) from a server that may be hostile, never holding more than the
 * limits: the status line, headers and trailers together at most {@link #MAX_HEADER_BYTES}, the body at
 * most the configured maximum (a {@code Content-Length} over it is refused before a byte of the body is
 * read), and the chunk-size lines of a chunked body at most as many bytes as the body may have. Bodies
 * are framed by {@code Transfer-Encoding: chunked}, {@code Content-Length}, or the end of the connection.
 * Interim 1xx answers are skipped. Anything malformed is an {@link IOException}, as a broken connection is.
 */
final class ResponseReader {

    /** Real servers send 0.5–2 KB of headers; 64 KiB is what common proxies accept at most. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final InputStream in;
    private final int maxBody;
    private int headerBytesLeft = MAX_HEADER_BYTES;
    private long framingBytesLeft;

    private ResponseReader(InputStream in, int maxBody) {
        this.in = in;
        this.maxBody = maxBody;
        this.framingBytesLeft = maxBody;
    }

    static HttpTransport.Response read(InputStream in, String method, int maxBody) throws IOException {
        return new ResponseReader(in, maxBody).response(method);
    }

    private HttpTransport.Response response(String method) throws IOException {
        int status;
        Map<String, List<String>> headers;
        do {
            status = statusCode(headerLine(true));
            headers = headerFields();
        } while (status >= 100 && status < 200 && status != 101);
        if (status == 101) throw new IOException("protocol error: 101 Switching Protocols was not asked for");
        byte[] body = bodyOf(method, status, headers);
        return new HttpTransport.Response(status, HttpHeaders.of(headers, (name, value) -> true), body);
    }

    private byte[] bodyOf(String method, int status, Map<String, List<String>> headers) throws IOException {
        BoundedBody body = new BoundedBody(in, maxBody, status);
        if (method.equals("HEAD") || status == 204 || status == 304) return body.bytes();
        List<String> transferEncoding = headers.get("Transfer-Encoding");
        if (transferEncoding != null) {
            String codings = String.join(",", transferEncoding).strip();
            boolean chunked = codings.regionMatches(true, Math.max(0, codings.length() - 7), "chunked", 0, 7);
            if (chunked) chunked(body);
            else body.readToEnd();
            return body.bytes();
        }
        List<String> contentLength = headers.get("Content-Length");
        if (contentLength != null) body.readExactly(contentLength(contentLength));
        else body.readToEnd();
        return body.bytes();
    }

    private void chunked(BoundedBody body) throws IOException {
        while (true) {
            String line = framingLine();
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
            long size = parseChunkSize(hex);
            if (size == 0) break;
            body.readExactly(size);
            if (!framingLine().isEmpty()) throw new IOException("protocol error: chunk not followed by CRLF");
        }
        while (!headerLine(false).isEmpty()) {
            // trailers: read (within the header limit) and dropped; Open Payments defines none
        }
    }

    private static long parseChunkSize(String hex) throws IOException {
        String digits = hex.replaceFirst("^0+(?=.)", "");
        // More than 15 hex digits cannot fit a long, and is far beyond any body limit anyway.
        if (digits.isEmpty() || digits.length() > 15 || !digits.matches("[0-9A-Fa-f]+"))
            throw new IOException("protocol error: bad chunk size");
        return Long.parseLong(digits, 16);
    }

    private static long contentLength(List<String> values) throws IOException {
        long length = -1;
        for (String value : String.join(",", values).split(",", -1)) {
            String v = value.strip();
            if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9'))
                throw new IOException("protocol error: bad Content-Length");
            long n = Long.parseLong(v);
            if (length != -1 && n != length) throw new IOException("protocol error: conflicting Content-Length");
            length = n;
        }
        return length;
    }

    private static int statusCode(String line) throws IOException {
        boolean valid = line.length() >= 12
                && (line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))
                && Character.isDigit(line.charAt(9))
                && Character.isDigit(line.charAt(10))
                && Character.isDigit(line.charAt(11))
                && (line.length() == 12 || line.charAt(12) == ' ');
        if (!valid) throw new IOException("protocol error: not an HTTP/1.1 status line");
        return Integer.parseInt(line.substring(9, 12));
    }

    private Map<String, List<String>> headerFields() throws IOException {
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = headerLine(false); !line.isEmpty(); line = headerLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon)))
                throw new IOException("protocol error: malformed header line");
            fields.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return fields;
    }

    /** A line of the head or the trailers, counted against {@link #MAX_HEADER_BYTES}. */
    private String headerLine(boolean first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(
                        first && line.isEmpty()
                                ? "connection closed before an answer"
                                : "connection closed mid-header");
            }
            if (--headerBytesLeft < 0)
                throw new HttpTransport.TooLarge("headers larger than " + HttpTransport.size(MAX_HEADER_BYTES));
            if (b == '\n') return stripCr(line);
            line.append((char) b);
        }
    }

    /** A chunk-size line, counted against an allowance as large as the body limit. */
    private String framingLine() throws IOException {
        StringBuilder line = new StringBuilder(16);
        while (true) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed mid-body");
            if (--framingBytesLeft < 0)
                throw new HttpTransport.TooLarge("chunk framing larger than " + HttpTransport.size(maxBody));
            if (b == '\n') return stripCr(line);
            line.append((char) b);
        }
    }

    private static String stripCr(StringBuilder line) {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }
}
