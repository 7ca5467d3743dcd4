package dev.opfunctions.tools.keygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.Jwk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyGenCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesOwnerOnlyPemAndPrintsTheMatchingJwk() throws Exception {
        Path pem = dir.resolve("client.pem");

        int code = run(pem.toString(), "my-key");

        assertEquals(0, code, err.toString());
        Jwk printed = Json.parse(out.toByteArray(), Jwk.class);
        assertEquals("my-key", printed.kid());
        assertEquals(printed, Ed25519Keys.fromFile("my-key", pem).publicJwk());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
    }

    @Test
    void refusesToOverwriteAnExistingFile() throws Exception {
        Path pem = Files.writeString(dir.resolve("existing.pem"), "keep me");

        int code = run(pem.toString(), "k");

        assertEquals(1, code);
        assertEquals("keep me", Files.readString(pem));
        assertTrue(err.toString().contains("already exists"));
    }

    @Test
    void printsUsageWithoutArguments() {
        int code = run();

        assertEquals(2, code);
        assertTrue(err.toString().startsWith("usage: bin/keygen"));
    }

    @Test
    void defaultsTheKeyIdToAUuid() {
        int code = run(dir.resolve("k.pem").toString());

        assertEquals(0, code);
        assertTrue(Json.parse(out.toByteArray(), Jwk.class).kid().matches("[0-9a-f-]{36}"));
    }

    @Test
    void helpGoesToStandardOutputAndWritesNothing() throws Exception {
        int code = run("--help");

        assertEquals(0, code);
        assertTrue(out.toString().startsWith("usage: bin/keygen <private-key.pem> [key-id]"), out.toString());
        assertTrue(out.toString().contains("default: a random UUID"), out.toString());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anExtraArgumentIsAUsageErrorAndWritesNothing() {
        Path pem = dir.resolve("k.pem");

        int code = run(pem.toString(), "k", "surplus");

        assertEquals(2, code);
        assertTrue(err.toString().startsWith("keygen: "), err.toString());
        assertTrue(err.toString().contains("surplus"), err.toString());
        assertEquals(1, err.toString().lines().count(), "one line: " + err);
        assertTrue(Files.notExists(pem));
    }

    private int run(String... args) {
        return KeyGenCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
