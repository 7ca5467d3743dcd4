package dev.opfunctions.aws;

/**
 * This client's Open Payments identity as kept in Secrets Manager: its wallet address, the key id
 * wallets know it by, and the Ed25519 private key (PKCS#8 PEM). The key never appears in toString.
 */
public record ClientKey(String walletAddress, String keyId, String privateKeyPem) {

    @Override
    public String toString() {
        return "ClientKey[walletAddress=" + walletAddress + ", keyId=" + keyId + ", privateKey=***]";
    }
}
