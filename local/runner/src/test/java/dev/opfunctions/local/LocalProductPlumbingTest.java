package dev.opfunctions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The runner's plumbing with the fixture handlers of this module's tests, run through the real
 * runtime interface client: routes and auth from the template, the payload-2.0 event as the handler
 * sees it, the response path, the SQS event source with partial failures and the DLQ, the schedule,
 * the storefront's files, and a clean stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalProductPlumbingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path repo;

    private static LocalProduct product;
    /**
     * Child processes this JVM had before the product started: the local servers other test classes
     * share live until the run ends and are not the product's to stop.
     */
    private static Set<ProcessHandle> othersChildren;

    @BeforeAll
    static void startRunnerWithFixtureHandlers() throws Exception {
        Files.copy(
                Path.of(LocalProductPlumbingTest.class
                        .getResource("/fixture-repo/template.yaml")
                        .toURI()),
                repo.resolve("template.yaml"));
        List<Path> testClasspath = Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .toList();
        RunnerSettings settings = RunnerSettings.defaults(repo)
                .withPort(0)
                .withSandbox(0, 0)
                .withSchedulePeriod(Optional.of(Duration.ofSeconds(1)))
                .withVisibilityTimeout(Duration.ofSeconds(1))
                .withCode(def -> def.logicalId().equals("UnbuiltFunction") ? List.of(def.code()) : testClasspath);
        othersChildren = ProcessHandle.current().children().collect(Collectors.toSet());
        product = LocalProduct.start(settings);
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    @Test
    @Order(1)
    void protectedRouteWithoutTheKeyIsRefusedAsApiGatewayWould() throws Exception {
        HttpResponse<String> missing =
                send(HttpRequest.newBuilder(url("/echo/1")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(url("/echo/1"))
                .header("x-shop-key", "guess")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(401, missing.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", missing.body());
        assertEquals(403, wrong.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", wrong.body());
    }

    @Test
    @Order(2)
    void theHandlerReceivesThePayload20EventAndItsResponseComesBack() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/shop/api/echo/a%20b?x=1&x=2&y=%C3%B1"))
                .header("Cookie", "a=1; b=2")
                .header("X-Custom", "v")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}"));

        HttpResponse<String> response = send(request);

        assertEquals(201, response.statusCode(), response.body());
        assertEquals("yes", response.headers().firstValue("x-echo").orElseThrow());
        assertEquals(List.of("seen=1; Path=/", "theme=dark"), response.headers().allValues("set-cookie"));
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("2.0", echo.get("version").asText());
        assertEquals("POST /echo/{id}", echo.get("routeKey").asText());
        assertEquals("/echo/a%20b", echo.get("rawPath").asText());
        assertEquals("x=1&x=2&y=%C3%B1", echo.get("rawQueryString").asText());
        assertEquals("a b", echo.at("/pathParameters/id").asText());
        assertEquals("1,2", echo.at("/queryStringParameters/x").asText());
        assertEquals("ñ", echo.at("/queryStringParameters/y").asText());
        assertEquals(List.of("a=1", "b=2"), JSON.convertValue(echo.get("cookies"), List.class));
        assertEquals("v", echo.at("/headers/x-custom").asText());
        assertTrue(echo.get("headers").has("x-forwarded-for"));
        assertFalse(echo.get("headers").has("cookie"), "cookies travel in their own field");
        assertEquals("POST", echo.get("method").asText());
        assertEquals("$default", echo.get("stage").asText());
        assertEquals("{\"hello\":\"world\"}", echo.get("body").asText());
        assertFalse(echo.get("isBase64Encoded").asBoolean());
        assertEquals("echo", echo.get("functionName").asText());
        assertEquals(
                product.resources().tableName("Table"),
                echo.at("/env/TABLE_NAME").asText());
        assertEquals("true", echo.at("/env/LOCAL_DEVELOPMENT").asText());
        assertEquals(product.baseUrl(), echo.at("/env/PUBLIC_BASE_URL").asText());
        assertEquals(
                product.dynamoDb().endpoint().toString(),
                echo.at("/env/AWS_ENDPOINT_URL_DYNAMODB").asText());
        assertEquals(
                product.client().secretArn(),
                echo.at("/env/CLIENT_KEY_SECRET_ARN").asText());
        assertFalse(
                echo.at("/env/AWS_LAMBDA_RUNTIME_API").isNull(), "the handler runs under the runtime interface client");
    }

    @Test
    @Order(3)
    void aBinaryBodyArrivesBase64Encoded() throws Exception {
        byte[] bytes = {(byte) 0xff, 0x00, 0x10, (byte) 0x80};
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/shop/api/echo/bin"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

        JsonNode echo = JSON.readTree(response.body());
        assertTrue(echo.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(bytes), echo.get("body").asText());
    }

    @Test
    @Order(4)
    void aGreedyPublicRouteTakesTheRestOfThePathWithoutTheKey() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(url("/public/a/b/c")).GET());

        assertEquals(201, response.statusCode());
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("GET /public/{proxy+}", echo.get("routeKey").asText());
        assertEquals("a/b/c", echo.at("/pathParameters/proxy").asText());
    }

    @Test
    @Order(5)
    void unknownRoutesAndUnbuiltFunctionsAnswerWithGatewayErrors() throws Exception {
        HttpResponse<String> unknown =
                send(HttpRequest.newBuilder(url("/nowhere")).GET());
        HttpResponse<String> unbuilt =
                send(HttpRequest.newBuilder(url("/unbuilt")).GET());

        assertEquals(404, unknown.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", unknown.body());
        assertEquals(502, unbuilt.statusCode());
        assertTrue(
                product.notRunning().get("UnbuiltFunction").startsWith("not built"),
                product.notRunning().toString());
    }

    @Test
    @Order(6)
    void queueMessagesAreDeliveredAndReportedFailuresEndInTheDeadLetterQueue() throws Exception {
        String queueUrl = product.resources().queue("Commands").url();
        String dlqUrl = product.resources().queue("CommandsDLQ").url();
        for (String body : List.of("ok-1", "ok-2", "fail-1")) {
            product.sqs().client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }

        await(
                "a message in the dead-letter queue",
                Duration.ofSeconds(30),
                () -> !product.sqs()
                        .client()
                        .receiveMessage(
                                b -> b.queueUrl(dlqUrl).visibilityTimeout(0).waitTimeSeconds(1))
                        .messages()
                        .isEmpty());

        assertEquals(List.of("receive#1"), receives("ok-1"));
        assertEquals(List.of("receive#1"), receives("ok-2"));
        assertEquals(List.of("receive#1", "receive#2"), receives("fail-1"), "maxReceiveCount 2, then the DLQ");
        String dead = product.sqs()
                .client()
                .receiveMessage(b -> b.queueUrl(dlqUrl).visibilityTimeout(0))
                .messages()
                .get(0)
                .body();
        assertEquals("fail-1", dead);
    }

    @Test
    @Order(7)
    void theScheduleInvokesTheFunctionWithAScheduledEvent() throws Exception {
        String table = product.resources().tableName("Table");

        await(
                "a scheduled tick recorded in the table",
                Duration.ofSeconds(20),
                () -> product.dynamoDb()
                                .client()
                                .query(b -> b.tableName(table)
                                        .keyConditionExpression("pk = :p")
                                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("tick"))))
                                .count()
                        > 0);

        Map<String, AttributeValue> tick = product.dynamoDb()
                .client()
                .query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("tick"))))
                .items()
                .get(0);
        assertEquals("Scheduled Event", tick.get("detailType").s());
        assertEquals("aws.events", tick.get("source").s());
        assertTrue(
                tick.get("rule").s().endsWith(":rule/local-TickFunctionOften"),
                tick.get("rule").s());
    }

    @Test
    @Order(8)
    void theStorefrontPagesAndConfigAreServed() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(url("/")).GET());
        HttpResponse<String> config =
                send(HttpRequest.newBuilder(url("/shop/config.json")).GET());
        HttpResponse<String> traversal =
                send(HttpRequest.newBuilder(url("/..%2Fpom.xml")).GET());

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<main"), page.body());
        assertEquals(
                product.sandbox().walletAddressUrl("customer"),
                JSON.readTree(config.body()).get("customerWalletAddress").asText());
        assertEquals(404, traversal.statusCode());
    }

    @Test
    @Order(100)
    void closingStopsTheRuntimeProcessesAndThePort() throws Exception {
        List<ProcessHandle> children = ProcessHandle.current()
                .children()
                .filter(child -> !othersChildren.contains(child))
                .toList();
        assertFalse(children.isEmpty(), "the functions run in child JVMs");

        product.close();
        Awaitility.await("every child JVM has exited")
                .atMost(Duration.ofSeconds(15))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));

        assertThrows(
                ConnectException.class,
                () -> HTTP.send(HttpRequest.newBuilder(url("/")).build(), HttpResponse.BodyHandlers.ofString()));
        product = null;
    }

    private static List<String> receives(String body) {
        return product
                .dynamoDb()
                .client()
                .query(b -> b.tableName(product.resources().tableName("Table"))
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("msg#" + body))))
                .items()
                .stream()
                .map(i -> i.get("sk").s())
                .sorted()
                .toList();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + product.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }
}
