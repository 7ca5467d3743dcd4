package dev.opfunctions.lambda.priming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: each request is answered in memory by a
 * function of the request's {@code X-Amz-Target} and body. Priming builds throwaway SDK clients on
 * it, so the whole request path (marshalling, endpoint rules, SigV4 signing, interceptors, response
 * parsing) runs before a snapshot without a single byte reaching AWS, the table or the queue.
 */
final class CannedHttpClient implements SdkHttpClient {

    /** Answers one request: (X-Amz-Target header, request body) to a JSON response body with status 200. */
    private final BiFunction<String, String, String> answer;

    CannedHttpClient(BiFunction<String, String, String> answer) {
        this.answer = answer;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String body = "";
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                String target = request.httpRequest()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElse("");
                byte[] reply = answer.apply(target, body).getBytes(StandardCharsets.UTF_8);
                SdkHttpResponse response = SdkHttpResponse.builder()
                        .statusCode(200)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(reply.length))
                        .putHeader("x-amzn-RequestId", "priming")
                        .build();
                return HttpExecuteResponse.builder()
                        .response(response)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(reply)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight: the answer is computed synchronously in call()
            }
        };
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {
        // holds no connections
    }
}
