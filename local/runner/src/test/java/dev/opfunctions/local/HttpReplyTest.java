package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpReplyTest {

    private static String serialized(APIGatewayV2HTTPResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, HttpReplyTest.class.getClassLoader())
                .toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aProxyResponseAsTheRuntimeSerializesItBecomesStatusHeadersCookiesAndBody() {
        String payload = serialized(APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("Location", "http://localhost:4000/order.html?checkoutId=c-1"))
                .withCookies(List.of("a=1; HttpOnly"))
                .withBody("")
                .build());

        HttpReply reply = HttpReply.fromFunctionResult(payload);

        assertEquals(302, reply.status());
        assertEquals("http://localhost:4000/order.html?checkoutId=c-1", reply.header("location"));
        assertEquals("a=1; HttpOnly", reply.header("set-cookie"));
        assertEquals("", reply.bodyText());
    }

    @Test
    void aBase64BodyIsDecoded() {
        HttpReply reply =
                HttpReply.fromFunctionResult("{\"statusCode\":200,\"body\":\"/wAQ\",\"isBase64Encoded\":true}");

        assertArrayEquals(new byte[] {(byte) 0xff, 0x00, 0x10}, reply.body());
    }

    @Test
    void aResultWithoutStatusCodeIsA200WithTheResultAsJsonBody() {
        HttpReply reply = HttpReply.fromFunctionResult("{\"hello\":\"world\"}");

        assertEquals(200, reply.status());
        assertEquals("application/json", reply.header("content-type"));
        assertEquals("{\"hello\":\"world\"}", reply.bodyText());
    }

    @Test
    void aResultThatIsNotJsonOrHasABadStatusIsABadGateway() {
        assertEquals(502, HttpReply.fromFunctionResult("not json{").status());
        assertEquals(
                502, HttpReply.fromFunctionResult("{\"statusCode\":\"abc\"}").status());
    }

    @Test
    void gatewayErrorsHaveApiGatewaysShape() {
        HttpReply reply = HttpReply.gatewayError(404, "Not Found");

        assertEquals("{\"message\":\"Not Found\"}", reply.bodyText());
        assertEquals("application/json", reply.header("Content-Type"));
    }
}
