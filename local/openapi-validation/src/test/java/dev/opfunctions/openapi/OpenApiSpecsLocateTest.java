package dev.opfunctions.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiSpecsLocateTest {

    @AfterEach
    void clear() {
        System.clearProperty(OpenApiSpecs.DIR_VARIABLE);
    }

    @Test
    void prefersTheConfiguredDirectory(@TempDir Path dir) throws Exception {
        Path real = OpenApiSpecs.locate();
        for (String f : new String[] {
            OpenApiSpecs.AUTH_SERVER_FILE, OpenApiSpecs.RESOURCE_SERVER_FILE, OpenApiSpecs.WALLET_ADDRESS_SERVER_FILE
        }) {
            Files.createSymbolicLink(dir.resolve(f), real.resolve(f));
        }
        System.setProperty(OpenApiSpecs.DIR_VARIABLE, dir.toString());

        assertEquals(dir, OpenApiSpecs.locate());
    }

    @Test
    void fallsBackToTheSharedSpecsWhenTheConfiguredDirectoryLacksThem(@TempDir Path empty) {
        System.setProperty(OpenApiSpecs.DIR_VARIABLE, empty.toString());

        Path found = OpenApiSpecs.locate();

        assertEquals(
                Path.of(System.getProperty("repo.root"))
                        .resolve("../shared/specs/open-payments-1.3.0")
                        .normalize(),
                found);
    }
}
