package dev.opfunctions.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.sandbox.WalletSandbox;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's Open Payments identity on the local wallet sandbox: a wallet address with a public name
 * (consent pages show it; interactive grants need it), a fresh Ed25519 key whose public JWK the
 * sandbox publishes at {@code {walletAddress}/jwks.json}, and the secret the functions read,
 * {@code {"walletAddress","keyId","privateKey"}}, stored in the local Secrets Manager. With
 * {@code --wallets external} it is the identity the options name instead ({@link ExternalWalletWorld}).
 *
 * @param walletAddress the client's wallet address URL
 * @param keyId the key id wallets know the key by
 * @param secretArn the ARN of the client-key secret
 */
public record ClientIdentity(String walletAddress, String keyId, String secretArn) {
    /** The provider and name of the client's wallet address in the sandbox. */
    public static final String PROVIDER = "happylifebank";

    public static final String WALLET_NAME = "shop";
    public static final String PUBLIC_NAME = "Happy Life Shop (local)";
    /** The secret's name in the local Secrets Manager. */
    public static final String SECRET_NAME = "opfunctions/local/client-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Creates the wallet address, a new key, registers the key and stores the secret. */
    public static ClientIdentity create(WalletSandbox sandbox, LocalSecretsManager secrets) {
        return create(sandbox, secrets, Optional.empty());
    }

    /**
     * Like {@link #create(WalletSandbox, LocalSecretsManager)}; with {@code keyFile} (under {@code --persist})
     * the key pair of an earlier run is used again when the restored sandbox still publishes it, so
     * grants the wallets issued to the shop before the restart keep their client; a new key is written
     * there (readable by its owner only) otherwise.
     */
    public static ClientIdentity create(WalletSandbox sandbox, LocalSecretsManager secrets, Optional<Path> keyFile) {
        Optional<Map<String, String>> saved = keyFile.flatMap(ClientIdentity::read)
                .filter(s -> registered(sandbox, s.get("walletAddress"), s.get("keyId")));
        Map<String, String> secret = saved.orElseGet(() -> fresh(sandbox));
        try {
            String json = JSON.writeValueAsString(secret);
            if (saved.isEmpty() && keyFile.isPresent()) write(keyFile.get(), json);
            String arn = secrets.createSecret(SECRET_NAME, json);
            return new ClientIdentity(secret.get("walletAddress"), secret.get("keyId"), arn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the client key in " + keyFile.orElseThrow(), e);
        }
    }

    private static Map<String, String> fresh(WalletSandbox sandbox) {
        String wallet = sandbox.admin().walletAddresses().stream()
                .filter(w -> w.provider().name().equals(PROVIDER) && w.name().equals(WALLET_NAME))
                .map(WalletAddress::url)
                .findFirst()
                .orElseGet(() -> sandbox.admin().createWalletAddress(PROVIDER, WALLET_NAME, "MXN", 2, PUBLIC_NAME));
        String keyId = "local-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        GeneratedKeyPair keys = Ed25519Keys.generate(keyId);
        sandbox.admin().registerClientKey(wallet, keys.publicJwk());
        Map<String, String> secret = new LinkedHashMap<>();
        secret.put("walletAddress", wallet);
        secret.put("keyId", keyId);
        secret.put("privateKey", keys.privateKeyPem());
        return secret;
    }

    private static boolean registered(WalletSandbox sandbox, String wallet, String keyId) {
        return sandbox.admin().walletAddresses().stream().anyMatch(w -> w.url().equals(wallet))
                && sandbox.admin().clientKeyIds(wallet).contains(keyId);
    }

    private static Optional<Map<String, String>> read(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved client key " + file, e);
        }
    }

    private static void write(Path file, String json) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply.
        }
        Files.writeString(tmp, json);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
