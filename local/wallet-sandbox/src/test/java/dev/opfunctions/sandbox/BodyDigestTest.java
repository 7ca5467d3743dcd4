package dev.opfunctions.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.client.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which bodies pass the Content-Digest check. The official packages are the oracle: every request is
 * judged by {@code validateSignature} of {@code @interledger/http-signature-utils} fed the way Rafiki
 * feeds it ({@code JSON.stringify} of the parsed body), and the sandbox must give the same verdict on
 * the same bytes and headers. A body is signed either as a byte-exact client does (our signer: the
 * digest of the bytes sent) or by the official {@code createHeaders}, which itself hashes
 * {@code JSON.stringify(JSON.parse(body))}.
 */
class BodyDigestTest {

    /** A body, who signed it, and Rafiki's verdict (which the oracle must confirm). */
    private record Form(String name, String body, boolean officialSigner, boolean rafikiAccepts) {}

    @BeforeEach
    void requireNode() {
        assumeTrue(NodeScenario.dependenciesInstalled(), "local/node/node_modules missing; run bin/node-deps");
    }

    private static List<Form> forms(String wallet) {
        String head = "{\"walletAddress\":\"" + wallet + "\",\"metadata\":";
        String pretty = "{\n  \"walletAddress\": \"" + wallet + "\"\n}";
        String beyondDouble = head + "{\"n\":12345678901234567890}}";
        String exponent = head + "{\"n\":1E2}}";
        return List.of(
                new Form("compact", head + "{\"n\":100}}", false, true),
                new Form("pretty-printed", pretty, false, false),
                new Form("pretty-printed, official signer", pretty, true, true),
                new Form("non-ASCII escaped", head + "{\"s\":\"caf\\u00e9\"}}", false, false),
                new Form("HTML escaped", head + "{\"s\":\"a \\u0026 b\"}}", false, false),
                new Form("number 2.0", head + "{\"n\":2.0}}", false, false),
                new Form("big integer as JS prints it", head + "{\"n\":12345678901234567000}}", false, true),
                new Form("big integer beyond a double", beyondDouble, false, false),
                new Form("big integer beyond a double, official signer", beyondDouble, true, true),
                new Form("exponent", exponent, false, false),
                new Form("exponent, official signer", exponent, true, true));
    }

    @Test
    void rafikiRuleGivesTheOfficialVerifiersVerdictOnEveryBodyForm() throws Exception {
        try (World world = new World(SandboxConfig.demoWorld().withWaitSeconds(0))) {
            List<Verdict> verdicts = judge(world);

            for (Verdict v : verdicts) {
                assertEquals(
                        v.form.rafikiAccepts, v.officialAccepts, () -> v.form.name + ": the oracle's verdict changed");
                assertEquals(
                        v.officialAccepts ? 201 : 401, v.sandbox.status(), () -> v.form.name + ": " + v.sandbox.body());
                if (!v.officialAccepts) {
                    Expect.resourceError(v.sandbox, 401, "Signature validation error: provided signature is invalid");
                }
            }
            long accepted = verdicts.stream().filter(v -> v.officialAccepts).count();
            assertEquals(
                    accepted,
                    world.sandbox.admin().incomingPayments(world.retailer).size(),
                    "refused requests store nothing");
        }
    }

    @Test
    void rawBytesModeAcceptsExactlyTheBodiesWhoseDigestIsOverTheBytesSent() throws Exception {
        SandboxConfig strict =
                SandboxConfig.demoWorld().withWaitSeconds(0).withBodyDigest(SandboxConfig.BodyDigest.RAW_BYTES);
        try (World world = new World(strict)) {
            for (Verdict v : judge(world)) {
                // The official signer hashes JSON.stringify's form, which is the bytes sent only for compact bodies.
                boolean digestOverSentBytes = !v.form.officialSigner || v.form.name.equals("compact");
                assertEquals(
                        digestOverSentBytes ? 201 : 401,
                        v.sandbox.status(),
                        () -> v.form.name + ": " + v.sandbox.body());
            }
        }
    }

    @Test
    void authServerRefusesPrettyPrintedGrantRequestWhoseDigestMatchesTheBytes() {
        try (World world = new World(SandboxConfig.demoWorld().withWaitSeconds(0))) {
            String pretty = Json.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(
                            Bodies.nonInteractiveGrant(world.client, "incoming-payment", List.of("create")));

            OpClient.Reply reply = world.op.send(
                    "POST", world.authServer(world.retailer), null, pretty.getBytes(StandardCharsets.UTF_8), true);

            Expect.gnapError(reply, 401, "invalid_client", "invalid signature");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Verdict(Form form, boolean officialAccepts, OpClient.Reply sandbox) {}

    private static List<Verdict> judge(World world) throws Exception {
        String url = world.resourceServer(world.retailer) + "/incoming-payments";
        String authorization = "GNAP " + world.token(world.retailer, "incoming-payment", "create");
        List<Form> forms = forms(world.retailer);

        List<Object> signCases = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            signCases.add(Bodies.ordered(
                    "id",
                    Integer.toString(i),
                    "op",
                    "sign",
                    "privateKeyPem",
                    world.keys.pem(),
                    "keyId",
                    world.keys.keyId(),
                    "request",
                    Bodies.ordered(
                            "method",
                            "POST",
                            "url",
                            url,
                            "headers",
                            Map.of("authorization", authorization),
                            "body",
                            forms.get(i).body)));
        }
        List<JsonNode> officiallySigned = NodeInterop.run("signatures.mjs", signCases);

        List<Map<String, String>> headers = new ArrayList<>();
        List<Object> verifyCases = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            Form form = forms.get(i);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("authorization", authorization);
            if (form.officialSigner) {
                officiallySigned
                        .get(i)
                        .get("headers")
                        .properties()
                        .forEach(e -> h.put(e.getKey(), e.getValue().asText()));
            } else {
                h.putAll(World.signerFor(world.keys)
                        .sign("POST", url, authorization, form.body.getBytes(StandardCharsets.UTF_8)));
            }
            headers.add(h);
            verifyCases.add(Bodies.ordered(
                    "id",
                    Integer.toString(i),
                    "op",
                    "verify",
                    "jwk",
                    world.keys.jwk(),
                    "request",
                    Bodies.ordered("method", "POST", "url", url, "headers", h, "body", form.body)));
        }
        List<JsonNode> official = NodeInterop.run("signatures.mjs", verifyCases);

        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            OpClient.Reply reply = world.op.sendAsIs(
                    "POST", url, headers.get(i), forms.get(i).body.getBytes(StandardCharsets.UTF_8));
            boolean accepts = official.get(i).get("headersValid").asBoolean()
                    && official.get(i).get("signatureValid").asBoolean();
            verdicts.add(new Verdict(forms.get(i), accepts, reply));
        }
        return verdicts;
    }
}
