package dev.opfunctions.openapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three Open Payments 1.3.0 specs: auth server (grants, continuation, tokens), resource server
 * (incoming/outgoing payments, quotes, grant spent amounts) and wallet address server.
 */
public record OpenApiSpecs(OpenApiSpec authServer, OpenApiSpec resourceServer, OpenApiSpec walletAddressServer) {

    /** The variable (system property first, then environment) that points at a directory holding the three YAMLs. */
    public static final String DIR_VARIABLE = "OPEN_PAYMENTS_SPECS_DIR";

    public static final String AUTH_SERVER_FILE = "auth-server.yaml";
    public static final String RESOURCE_SERVER_FILE = "resource-server.yaml";
    public static final String WALLET_ADDRESS_SERVER_FILE = "wallet-address-server.yaml";

    /** Loads {@code auth-server.yaml}, {@code resource-server.yaml} and {@code wallet-address-server.yaml} from {@code dir}. */
    public static OpenApiSpecs fromDirectory(Path dir) {
        return new OpenApiSpecs(
                OpenApiSpec.load(dir.resolve(AUTH_SERVER_FILE)),
                OpenApiSpec.load(dir.resolve(RESOURCE_SERVER_FILE)),
                OpenApiSpec.load(dir.resolve(WALLET_ADDRESS_SERVER_FILE)));
    }

    /** {@link #fromDirectory} of {@link #locate()}. */
    public static OpenApiSpecs load() {
        return fromDirectory(locate());
    }

    /**
     * Finds the spec directory: {@value #DIR_VARIABLE} (system property, then environment), then
     * {@code <repo>/../shared/specs/open-payments-1.3.0}, then the copy the npm package ships at
     * {@code <repo>/local/node/node_modules/@interledger/open-payments/dist/openapi/specs}. The repo
     * root is the system property {@code repo.root} (set by the build), else the nearest ancestor
     * of the working directory that holds a {@code pom.xml} and a {@code shared} folder.
     *
     * @throws IllegalStateException naming every place looked at when none holds the three files
     */
    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(DIR_VARIABLE, System.getenv(DIR_VARIABLE));
        if (configured != null && !configured.isBlank()) candidates.add(Path.of(configured));
        Path repo = repoRoot();
        if (repo != null) {
            candidates.add(repo.resolve("../shared/specs/open-payments-1.3.0").normalize());
            candidates.add(repo.resolve("local/node/node_modules/@interledger/open-payments/dist/openapi/specs"));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve(AUTH_SERVER_FILE))
                    && Files.isRegularFile(c.resolve(RESOURCE_SERVER_FILE))
                    && Files.isRegularFile(c.resolve(WALLET_ADDRESS_SERVER_FILE))) {
                return c;
            }
        }
        throw new IllegalStateException("Open Payments specs not found; set " + DIR_VARIABLE
                + " or run bin/node-deps. Looked in: " + candidates);
    }

    private static Path repoRoot() {
        String prop = System.getProperty("repo.root");
        if (prop != null && !prop.isBlank())
            return Path.of(prop).toAbsolutePath().normalize();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("shared"))) return p;
        }
        return null;
    }
}
