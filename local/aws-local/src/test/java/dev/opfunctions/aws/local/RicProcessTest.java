package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RicProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private RicProcess.Spec spec(String handler) {
        return spec(handler, Map.of("GREETING", "hola"));
    }

    private RicProcess.Spec spec(String handler, Map<String, String> environment) {
        Path testClasses = RicProcess.codeSource(EchoHandler.class.getName());
        Path crac = RicProcess.codeSource("org.crac.Core"); // a function jar ships org.crac, as ours do
        return new RicProcess.Spec(
                "echo",
                handler,
                List.of(testClasses, crac),
                environment,
                256,
                List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"),
                line -> {
                    output.add(line);
                    System.out.println("[echo] " + line);
                });
    }

    @Test
    void invokesAHandlerThroughTheRealRuntimeInterfaceClient() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("echo", Duration.ofSeconds(10));
                RicProcess ric = RicProcess.start(spec(EchoHandler.class.getName() + "::handleRequest"), api)) {

            InvocationResult cold = api.invoke("{\"orderId\":\"o-1\"}", Duration.ofSeconds(30));
            InvocationResult warm = api.invoke("{\"orderId\":\"o-2\"}", Duration.ofSeconds(10));

            JsonNode body = JSON.readTree(
                    assertInstanceOf(InvocationResult.Success.class, cold).payload());
            assertEquals("o-1", body.at("/echo/orderId").asText());
            assertEquals("hola", body.get("greeting").asText());
            assertEquals("echo", body.get("functionName").asText());
            assertEquals(cold.requestId(), body.get("requestId").asText());
            assertTrue(body.get("hasTimeLeft").asBoolean());
            assertInstanceOf(InvocationResult.Success.class, warm);
            assertTrue(ric.isAlive());
            System.out.printf(
                    "RIC echo: cold %d ms, warm %d ms%n",
                    cold.elapsed().toMillis(), warm.elapsed().toMillis());
        }
    }

    @Test
    void aThrowingHandlerComesBackAsTheRuntimesErrorDocument() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("echo", Duration.ofSeconds(10));
                RicProcess ric = RicProcess.start(spec(EchoHandler.class.getName() + "::handleRequest"), api)) {

            InvocationResult result = api.invoke("{\"fail\":true}", Duration.ofSeconds(30));

            InvocationResult.Failure failure = assertInstanceOf(InvocationResult.Failure.class, result);
            JsonNode document = JSON.readTree(failure.errorDocument());
            assertEquals("asked to fail", document.get("errorMessage").asText());
            assertEquals(
                    "java.lang.IllegalArgumentException",
                    document.get("errorType").asText());
            assertTrue(ric.isAlive(), "the runtime keeps serving after a handler error");
        }
    }

    @Test
    void aMissingHandlerClassFailsTheFirstInvocationAsBadFunctionCode() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("echo", Duration.ofSeconds(10));
                RicProcess ric =
                        RicProcess.start(spec("dev.opfunctions.aws.local.NoSuchHandler::handleRequest"), api)) {

            InvocationResult result = api.invoke("{}", Duration.ofSeconds(30));

            // RIC 2.9.0 loads the handler lazily and reports the failure on the invocation, not on /init/error.
            InvocationResult.Failure failure = assertInstanceOf(InvocationResult.Failure.class, result);
            assertEquals("Runtime.BadFunctionCode", failure.errorType());
            assertTrue(
                    failure.errorDocument().contains("Class not found: dev.opfunctions.aws.local.NoSuchHandler"),
                    failure.errorDocument());
        }
    }

    @Test
    void aSnapStartFunctionRunsItsCracHooksAroundTheSnapshotCall() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("echo", Duration.ofSeconds(10));
                RicProcess ric = RicProcess.start(
                        spec(
                                SnapStartHandler.class.getName() + "::handleRequest",
                                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")),
                        api)) {

            api.restored().get(30, java.util.concurrent.TimeUnit.SECONDS);
            InvocationResult result = api.invoke("{}", Duration.ofSeconds(30));

            JsonNode hooks = JSON.readTree(assertInstanceOf(InvocationResult.Success.class, result)
                            .payload())
                    .get("hooks");
            assertEquals(
                    "[\"beforeCheckpoint\",\"afterRestore\"]",
                    hooks.toString(),
                    "org.crac reaches the runtime client's hooks");
        }
    }

    @Test
    void anOnDemandFunctionRunsNoCracHooks() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("echo", Duration.ofSeconds(10));
                RicProcess ric =
                        RicProcess.start(spec(SnapStartHandler.class.getName() + "::handleRequest", Map.of()), api)) {

            InvocationResult result = api.invoke("{}", Duration.ofSeconds(30));

            assertEquals(
                    "[]",
                    JSON.readTree(assertInstanceOf(InvocationResult.Success.class, result)
                                    .payload())
                            .get("hooks")
                            .toString());
            assertTrue(!api.restored().isDone(), "no snapshot call without SnapStart");
        }
    }

    @Test
    void aFailingRestoreHookFailsInvocationsLikeAFailedRestore() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("echo", Duration.ofSeconds(10));
                RicProcess ric = RicProcess.start(
                        spec(
                                SnapStartHandler.class.getName() + "::handleRequest",
                                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start", "FAIL_AFTER_RESTORE", "true")),
                        api)) {

            InvocationResult result = api.invoke("{}", Duration.ofSeconds(30));

            InvocationResult.Failure failure = assertInstanceOf(InvocationResult.Failure.class, result);
            assertTrue(
                    api.initError()
                            .get(30, java.util.concurrent.TimeUnit.SECONDS)
                            .contains("RestoreException"),
                    failure.errorDocument());
        }
    }
}
