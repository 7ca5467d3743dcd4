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
    void fallsBackToTheSharedSpecsAndThenToTheNpmPackageWhenTheConfiguredDirectoryLacksThem(@TempDir Path empty) {
        System.setProperty(OpenApiSpecs.DIR_VARIABLE, empty.toString());
        Path repo = Path.of(System.getProperty("repo.root")).toAbsolutePath().normalize();
        Path shared = repo.resolve("../shared/specs/open-payments-1.3.0").normalize();
        Path npm = repo.resolve("local/node/node_modules/@interledger/open-payments/dist/openapi/specs");
        // The team's folder beside the repository is there on the team's machines, not on a user's clone.
        Path expected = Files.isRegularFile(shared.resolve(OpenApiSpecs.AUTH_SERVER_FILE)) ? shared : npm;

        assertEquals(expected, OpenApiSpecs.locate());
    }
}
