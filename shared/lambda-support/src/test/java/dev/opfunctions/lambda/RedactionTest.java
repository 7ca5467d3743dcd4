package dev.opfunctions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksKeysTokensFinishSecretsAndSecretJsonMembers() {
        String text =
                "failed: Authorization: GNAP TOK123 at https://api.example/finish/abc?s=SECRET1&hash=H2 body {\"privateKey\":\"PK\",\"value\":\"V9\"} "
                        + "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----";

        String out = Redaction.redact(text);

        for (String secret : new String[] {"TOK123", "SECRET1", "H2", "\"PK\"", "V9", "MC4CAQAwBQYDK2VwBCIEI"}) {
            assertFalse(out.contains(secret), secret + " leaked: " + out);
        }
        assertTrue(out.contains("https://api.example/finish/abc?s=***"), out);
    }

    @Test
    void leavesIdsAndUrlsWithoutSecretsAlone() {
        String text = "no checkout 13f35e6f-1c28-43e9-85cf-9ed259c5d63c at https://wallet.example/alice?first=10";

        assertEquals(text, Redaction.redact(text));
    }

    @Test
    void aStackTraceNamesTheFramesAndCausesWithRedactedMessages() {
        Exception e = new IllegalStateException("outer GNAP abc", new RuntimeException("inner ?s=xyz"));

        String trace = Redaction.stackTrace(e, 3);

        assertTrue(
                trace.startsWith(
                        "java.lang.IllegalStateException: outer GNAP ***\n\tat dev.opfunctions.lambda.RedactionTest"),
                trace);
        assertTrue(trace.contains("Caused by: java.lang.RuntimeException: inner ?s=***"), trace);
        assertFalse(trace.contains("xyz") || trace.contains("abc"), trace);
    }
}
