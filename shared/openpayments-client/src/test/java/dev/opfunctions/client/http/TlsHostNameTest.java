package dev.opfunctions.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.testing.SelfSignedCertificate;
import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting to a checked address never weakens TLS: the certificate must carry the URL's host name (not
 * the address connected to), and that name goes out as SNI. Both certificates are trusted by the client
 * (its JVM's trust store holds them), so the only thing that can fail the second call is the name.
 */
class TlsHostNameTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String HOST = "wallet.test";

    /** A TLS server on loopback presenting one certificate; it records the SNI names it was asked for. */
    private static final class Server implements AutoCloseable {
        final SSLServerSocket socket;
        final List<String> sni = new CopyOnWriteArrayList<>();
        final List<String> requests = new CopyOnWriteArrayList<>();

        Server(SelfSignedCertificate cert) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", cert.keys().getPrivate(), PASSWORD, new Certificate[] {cert.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            socket = (SSLServerSocket)
                    tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(this::serve);
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.startHandshake();
                    ((ExtendedSSLSession) s.getSession())
                            .getRequestedServerNames()
                            .forEach(n -> sni.add(new String(n.getEncoded(), StandardCharsets.US_ASCII)));
                    byte[] head = new byte[4096];
                    int n = s.getInputStream().read(head);
                    requests.add(new String(head, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception handshakeRefusedOrClosed) {
                    // the client refused the certificate, or the test is over
                }
            }
        }

        String url() {
            return "https://" + HOST + ":" + socket.getLocalPort() + "/alice";
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void theCertificateMustNameTheUrlsHostWhicheverAddressWasConnectedTo(@TempDir Path dir) throws Exception {
        SelfSignedCertificate right = SelfSignedCertificate.forName(HOST);
        SelfSignedCertificate wrong = SelfSignedCertificate.forName("other.test");
        Path trustStore = dir.resolve("trust.p12");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("right", right.certificate());
        trusted.setCertificateEntry("wrong", wrong.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trusted.store(out, PASSWORD);
        }

        try (Server good = new Server(right);
                Server impostor = new Server(wrong)) {
            String output = runClient(trustStore, good.url(), impostor.url());

            assertTrue(output.contains(good.url() + " answered 200"), output);
            assertTrue(output.contains(impostor.url() + " refused CONNECTION"), output);
            assertTrue(output.contains("SSLHandshakeException"), output);
            assertEquals(List.of(HOST), good.sni);
            assertTrue(good.requests.get(0).startsWith("GET /alice HTTP/1.1\r\nHost: " + HOST + ":"));
            assertEquals(List.of(), impostor.requests, "nothing was sent to the server with the wrong name");
        }
    }

    private static String runClient(Path trustStore, String... urls) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new java.util.ArrayList<>(List.of(
                java,
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + new String(PASSWORD),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp",
                System.getProperty("java.class.path"),
                TlsClient.class.getName()));
        command.addAll(List.of(urls));
        Path output = trustStore.resolveSibling("client.out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly().waitFor();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(ended, "the child JVM did not end within 60 s: " + text);
        return text;
    }
}
