package dev.opfunctions.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
import dev.opfunctions.sandbox.WalletSandbox;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Creates the wallet address, a new key, registers the key and stores the secret. */
    public static ClientIdentity create(WalletSandbox sandbox, LocalSecretsManager secrets) {
        String wallet = sandbox.admin().createWalletAddress(PROVIDER, WALLET_NAME, "MXN", 2, PUBLIC_NAME);
        String keyId = "local-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        GeneratedKeyPair keys = Ed25519Keys.generate(keyId);
        sandbox.admin().registerClientKey(wallet, keys.publicJwk());
        Map<String, String> secret = new LinkedHashMap<>();
        secret.put("walletAddress", wallet);
        secret.put("keyId", keyId);
        secret.put("privateKey", keys.privateKeyPem());
        try {
            String arn = secrets.createSecret(SECRET_NAME, new ObjectMapper().writeValueAsString(secret));
            return new ClientIdentity(wallet, keyId, arn);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the client-key secret", e);
        }
    }
}
