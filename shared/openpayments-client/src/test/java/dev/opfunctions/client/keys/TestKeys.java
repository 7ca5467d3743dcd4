package dev.opfunctions.client.keys;

import java.util.Base64;
import java.util.HexFormat;

/** Keys with known bytes for tests: the RFC 8032 §7.1 test 1 key, wrapped as PKCS#8 here rather than copied. */
public final class TestKeys {

    /** RFC 8032 §7.1, TEST 1, SECRET KEY. */
    public static final String RFC8032_TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    /** RFC 8032 §7.1, TEST 1, PUBLIC KEY, as the JWK x the protocol notes give. */
    public static final String RFC8032_TEST1_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    private TestKeys() {}

    /** PKCS#8 PEM of a seed: the RFC 8410 PrivateKeyInfo header, then the seed as an OCTET STRING. */
    public static String pkcs8Pem(String seedHex) {
        byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420" + seedHex);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The RFC 8032 test 1 key under {@code keyId}. */
    public static LocalEd25519Key rfc8032Test1(String keyId) {
        return Ed25519Keys.fromPem(keyId, pkcs8Pem(RFC8032_TEST1_SEED));
    }
}
