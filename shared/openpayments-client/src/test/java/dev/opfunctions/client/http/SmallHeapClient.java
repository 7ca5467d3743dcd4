package dev.opfunctions.client.http;

import dev.opfunctions.client.OpenPaymentsException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

/**
 * Run by {@link SmallHeapTest} in a child JVM with a small heap (and {@code -XX:+ExitOnOutOfMemoryError},
 * so running out of memory on any thread ends the JVM with a message rather than hanging a reader):
 * fetches one URL and prints how that ended. {@code client} goes through {@link OpenPaymentsHttp};
 * {@code jdk} reads the whole body with {@code java.net.http} as the client did before it had a limit,
 * the control that shows the heap is too small to hold the answer.
 */
public final class SmallHeapClient {

    private SmallHeapClient() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        if (mode.equals("client")) {
            var http = new OpenPaymentsHttp(
                    ClientConfig.defaults().withLocalDevelopment(true), null, d -> {}, new Random(1));
            try {
                ApiResponse r = http.send(ApiRequest.get(url, null));
                System.out.println("answered " + r.body().length + " bytes");
            } catch (OpenPaymentsException e) {
                System.out.println("refused " + e.kind() + ": " + e.getMessage());
            }
        } else {
            try (HttpClient jdk = HttpClient.newHttpClient()) {
                var r = jdk.send(
                        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
                System.out.println("answered " + r.body().length + " bytes");
            }
        }
    }
}
