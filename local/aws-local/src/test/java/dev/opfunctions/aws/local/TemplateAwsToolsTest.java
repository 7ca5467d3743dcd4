package dev.opfunctions.aws.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml checked by AWS's own tools: {@code cfn-lint} (CloudFormation's linter, which also runs
 * the SAM transform) and the SAM transform itself through {@code aws-sam-translator}, the library SAM
 * CLI and CloudFormation use. Both are Python; they come with the project's Python (bin/moto-python).
 *
 * <p>cfn-lint's one warning on the project template is known and stays: W1031 on the
 * {@code AWSSecretsManagerGetSecretValuePolicy} that SAM expands for the API-key authorizer's role.
 * cfn-lint resolves {@code ApiKeySecretArn} to its empty default, which is no ARN; but that function
 * and its role exist only when ApiAuthMode=API_KEY, and the template's rule then requires a non-empty
 * ARN. Any other warning fails the test.
 */
class TemplateAwsToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN_WARNING =
            "W1031 Resources/ApiKeyAuthorizerFunctionRole/Properties/Policies/0/PolicyDocument/Statement/0/Resource/Fn::Sub";

    private static String python;
    private static Path tools;
    private static String template;

    @BeforeAll
    static void findTools(@TempDir Path dir) throws Exception {
        python = MotoPython.candidates().stream()
                .filter(TemplateAwsToolsTest::hasTools)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Python with cfn-lint and aws-sam-translator among "
                        + MotoPython.candidates() + "; run bin/moto-python"));
        tools = dir.resolve("template_tools.py");
        try (InputStream in = TemplateAwsToolsTest.class.getResourceAsStream("template_tools.py")) {
            Files.write(tools, in.readAllBytes());
        }
        template = Files.readString(Fixtures.repoRoot().resolve("template.yaml"));
    }

    @Test
    void cfnLintFindsNoErrorsAndOnlyTheKnownWarning() throws Exception {
        Result lint = run("lint", Fixtures.repoRoot().resolve("template.yaml"));

        assertEquals(0, lint.exitCode(), lint.output());
        List<String> findings = new ArrayList<>();
        lint.json().forEach(f -> findings.add(f.path("rule").asText() + " " + String.join("/", texts(f.path("path")))));
        assertEquals(List.of(KNOWN_WARNING), findings, lint.output());
    }

    @Test
    void samTransformAcceptsTheTemplateAndExpandsItsFunctions() throws Exception {
        Result transform = run("transform", Fixtures.repoRoot().resolve("template.yaml"));

        assertEquals(0, transform.exitCode(), transform.output());
        JsonNode types = transform.json().path("resourceTypes");
        // Five Java functions and the API key authorizer.
        assertEquals(6, types.path("AWS::Lambda::Function").asInt(), transform.output());
        assertEquals(6, types.path("AWS::Lambda::Alias").asInt(), "AutoPublishAlias gives every function an alias");
        // The commands queue; the payments stream and the event delivery queue (deliver-events).
        assertEquals(3, types.path("AWS::Lambda::EventSourceMapping").asInt());
        assertEquals(1, types.path("AWS::Events::Rule").asInt());
        assertEquals(2, types.path("AWS::DynamoDB::Table").asInt());
        assertEquals(4, types.path("AWS::SQS::Queue").asInt());
    }

    static Stream<Arguments> samMistakes() {
        return Stream.of(
                Arguments.of(
                        "misspelt Globals property",
                        "    MemorySize: 1024",
                        "    MemorySizee: 1024",
                        "'MemorySizee' is not a supported property"),
                Arguments.of(
                        "misspelt function property",
                        "      Handler: dev.opfunctions.functions.startcheckout",
                        "      Handlr: dev.opfunctions.functions.startcheckout",
                        "property Handlr not defined"),
                Arguments.of(
                        "unknown event type", "          Type: SQS\n", "          Type: SQSS\n", "Event Type is: SQSS"),
                Arguments.of(
                        "SQS event without its queue",
                        "            Queue: !GetAtt PaymentCommandsQueue.Arn\n",
                        "",
                        "Missing required property 'Queue'"),
                Arguments.of(
                        "untyped batch size",
                        "BatchSize: 10",
                        "BatchSize: ten",
                        "Type of property 'BatchSize' is invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samMistakes")
    void samTransformRejectsMistakes(
            String name, String original, String broken, String expectedError, @TempDir Path dir) throws Exception {
        Result transform = run("transform", broken(dir, original, broken));

        assertEquals(2, transform.exitCode(), transform.output());
        assertTrue(transform.output().contains(expectedError), transform.output());
    }

    /** CloudFormation-level mistakes pass the SAM transform; cfn-lint is what catches them. */
    @Test
    void cfnLintCatchesCloudFormationMistakesTheTransformLetsThrough(@TempDir Path dir) throws Exception {
        String text = template.replaceFirst("KeyType: HASH", "KeyType: HASHH")
                .replaceFirst("!GetAtt PaymentCommandsQueue\\.Arn", "!GetAtt PaymentCommandsQueu.Arn");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, text);

        Result transform = run("transform", broken);
        Result lint = run("lint", broken);

        assertEquals(0, transform.exitCode(), transform.output());
        Set<String> errors = new java.util.TreeSet<>();
        lint.json().forEach(f -> {
            if (f.path("level").asText().equals("error"))
                errors.add(f.path("rule").asText());
        });
        assertTrue(errors.contains("E1010"), "GetAtt to a missing resource: " + lint.output());
        assertTrue(errors.stream().anyMatch(rule -> rule.startsWith("E30")), "invalid KeyType: " + lint.output());
    }

    private static Path broken(Path dir, String original, String replacement) throws IOException {
        assertTrue(template.contains(original), "template.yaml no longer contains: " + original);
        Path file = dir.resolve("broken.yaml");
        Files.writeString(
                file,
                template.replaceFirst(
                        java.util.regex.Pattern.quote(original),
                        java.util.regex.Matcher.quoteReplacement(replacement)));
        return file;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    record Result(int exitCode, String output) {
        JsonNode json() throws IOException {
            return JSON.readTree(output);
        }
    }

    private static Result run(String command, Path file) throws Exception {
        Path errors = Files.createTempFile(tools.getParent(), command, ".err");
        Process p = new ProcessBuilder(python, tools.toString(), command, file.toString())
                .redirectError(errors.toFile())
                .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && p.exitValue() != 2) {
            throw new IllegalStateException(
                    command + " failed:\n" + stdout + Files.readString(errors, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), stdout);
    }

    private static boolean hasTools(String candidate) {
        try {
            Process p = new ProcessBuilder(candidate, "-c", "import cfnlint.api, samtranslator.translator.transform")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
