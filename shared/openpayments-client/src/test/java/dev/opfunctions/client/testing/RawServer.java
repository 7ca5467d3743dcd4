package dev.opfunctions.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain {@link ServerSocket} on 127.0.0.1 that answers every connection with a script writing raw
 * bytes: the answers a hostile wallet gives and no well-behaved server library would (endless bodies,
 * trickles, endless headers). It counts the bytes its scripts managed to write, so a test can show
 * how much of an answer the client took before it hung up.
 */
public final class RawServer implements AutoCloseable {

    /** Writes the answer; returns when done or throws when the client has gone. */
    public interface Script {
        void answer(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicLong written = new AtomicLong();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** One party per running connection handler, so {@link #awaitHandlers} can wait for them to end. */
    private final Phaser handlers = new Phaser(1);

    public RawServer(Script script) {
        this.script = script;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofPlatform().daemon().name("raw-server-accept").start(this::acceptLoop);
    }

    /** {@code http://127.0.0.1:<port>} */
    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes the scripts wrote that the socket accepted (some may still sit in kernel buffers). */
    public long bytesWritten() {
        return written.get();
    }

    /** The request head (request line and headers) of every connection, in order of arrival. */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    /** Waits until every connection's script has ended (the client hung up or the script finished). */
    public void awaitHandlers(long seconds) throws Exception {
        handlers.awaitAdvanceInterruptibly(handlers.arrive(), seconds, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                handlers.register();
                Thread.ofPlatform().daemon().name("raw-server-conn").start(() -> handle(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            String head = readHead(s.getInputStream());
            heads.add(head);
            // The request body is read too: closing a socket with unread input resets the connection.
            s.getInputStream().readNBytes(contentLength(head));
            script.answer(new CountingStream(s.getOutputStream()));
            s.getOutputStream().flush();
        } catch (IOException | InterruptedException clientGone) {
            // the client hung up: what it did not read is the point of most tests here
        } finally {
            handlers.arriveAndDeregister();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15))
                return Integer.parseInt(line.substring(15).strip());
        }
        return 0;
    }

    private final class CountingStream extends OutputStream {
        private final OutputStream out;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the same
            }
        }
    }
}
