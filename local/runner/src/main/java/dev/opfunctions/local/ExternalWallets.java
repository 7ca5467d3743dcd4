package dev.opfunctions.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real wallets for the local runner ({@code --wallets external}): the shop's own Open Payments
 * identity (a wallet address and a key registered there) and the merchant's wallet address. The
 * private key is checked when the options are read and never appears in {@link #toString()}.
 *
 * @param clientWalletAddress the client's wallet address, where the wallets look up its keys
 * @param keyId the id the client's wallet knows the key by
 * @param privateKeyPem the Ed25519 private key, PKCS#8 PEM (or base64 of it), as Secrets Manager holds it
 * @param merchantWalletAddress the wallet address the shop is paid into
 * @param allowInsecure plain-http and loopback wallet URLs are allowed (the functions get {@code LOCAL_DEVELOPMENT=true})
 */
public record ExternalWallets(
        String clientWalletAddress,
        String keyId,
        String privateKeyPem,
        String merchantWalletAddress,
        boolean allowInsecure) {

    /** The client-key secret exactly as the functions read it: {@code {"walletAddress","keyId","privateKey"}}. */
    String secretJson() {
        Map<String, String> secret = new LinkedHashMap<>();
        secret.put("walletAddress", clientWalletAddress);
        secret.put("keyId", keyId);
        secret.put("privateKey", privateKeyPem);
        try {
            return new ObjectMapper().writeValueAsString(secret);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the client-key secret", e);
        }
    }

    /** Everything but the key. */
    @Override
    public String toString() {
        return "ExternalWallets[clientWalletAddress=" + clientWalletAddress + ", keyId=" + keyId
                + ", privateKey=***, merchantWalletAddress=" + merchantWalletAddress + ", allowInsecure="
                + allowInsecure + "]";
    }
}
