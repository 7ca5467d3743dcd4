package dev.opfunctions.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opfunctions.client.http.Urls;
import dev.opfunctions.client.keys.Ed25519Keys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The wallet options of the command line ({@code --wallets}, {@code --client-key}, ...), gathered while
 * the arguments are read and checked together at the end, so that a missing or contradictory option
 * is reported before anything starts. Messages name the option and never contain key material.
 */
final class ExternalWalletOptions {
    static final String WALLETS = "--wallets";
    static final String CLIENT_KEY = "--client-key";
    static final String CLIENT_WALLET = "--client-wallet-address";
    static final String KEY_ID = "--key-id";
    static final String MERCHANT_WALLET = "--merchant-wallet-address";
    static final String ALLOW_INSECURE = "--allow-insecure-wallets";
    private static final ObjectMapper JSON = new ObjectMapper();

    private boolean external;
    private Path clientKey;
    private String clientWallet;
    private String keyId;
    private String merchantWallet;
    private boolean allowInsecure;
    private final List<String> externalOnlyGiven = new ArrayList<>();
    private final List<String> sandboxOnlyGiven = new ArrayList<>();

    /** {@code --wallets sandbox|external}. */
    void wallets(String value) {
        external = switch (value) {
            case "sandbox" -> false;
            case "external" -> true;
            default -> throw new IllegalArgumentException(WALLETS + " takes sandbox or external, not " + value);
        };
    }

    void clientKey(String file) {
        externalOnlyGiven.add(CLIENT_KEY);
        clientKey = Path.of(file);
    }

    void clientWallet(String url) {
        externalOnlyGiven.add(CLIENT_WALLET);
        clientWallet = url;
    }

    void keyId(String id) {
        externalOnlyGiven.add(KEY_ID);
        keyId = id;
    }

    void merchantWallet(String url) {
        externalOnlyGiven.add(MERCHANT_WALLET);
        merchantWallet = url;
    }

    void allowInsecure() {
        externalOnlyGiven.add(ALLOW_INSECURE);
        allowInsecure = true;
    }

    /** Remembers that an option of the wallet sandbox was given, which contradicts {@code --wallets external}. */
    void sandboxOption(String option) {
        sandboxOnlyGiven.add(option);
    }

    /** The external wallets the options describe, or empty for the sandbox; throws naming the first option in error. */
    Optional<ExternalWallets> resolve() {
        if (!external) {
            if (!externalOnlyGiven.isEmpty()) {
                throw new IllegalArgumentException(externalOnlyGiven.get(0) + " needs " + WALLETS
                        + " external (the sandbox brings its own wallets)");
            }
            return Optional.empty();
        }
        if (!sandboxOnlyGiven.isEmpty()) {
            throw new IllegalArgumentException(sandboxOnlyGiven.get(0)
                    + " is for the wallet sandbox, which does not run with " + WALLETS + " external");
        }
        if (clientKey == null) {
            throw new IllegalArgumentException(
                    WALLETS + " external needs " + CLIENT_KEY
                            + " FILE (the client's private key: PKCS#8 PEM, or the secret JSON {\"walletAddress\",\"keyId\",\"privateKey\"})");
        }
        if (merchantWallet == null) {
            throw new IllegalArgumentException(
                    WALLETS + " external needs " + MERCHANT_WALLET + " URL (the wallet address the shop is paid into)");
        }
        KeyFile key = KeyFile.read(clientKey);
        String wallet = agree(CLIENT_WALLET, clientWallet, "walletAddress", key.walletAddress(), clientKey);
        String id = agree(KEY_ID, keyId, "keyId", key.keyId(), clientKey);
        if (wallet == null) {
            throw new IllegalArgumentException(WALLETS + " external needs " + CLIENT_WALLET
                    + " URL (or walletAddress in the " + CLIENT_KEY + " JSON)");
        }
        if (id == null) {
            throw new IllegalArgumentException(
                    WALLETS + " external needs " + KEY_ID + " ID (or keyId in the " + CLIENT_KEY + " JSON)");
        }
        try {
            Ed25519Keys.fromPem(id, key.privateKey());
        } catch (IllegalArgumentException e) {
            // The key code's messages say what is wrong with the text without quoting it.
            String message = e.getMessage();
            throw new IllegalArgumentException(
                    message.startsWith("key id")
                            ? KEY_ID + ": " + message
                            : CLIENT_KEY + " " + clientKey + ": " + message);
        }
        return Optional.of(new ExternalWallets(
                walletUrl(CLIENT_WALLET, wallet),
                id,
                key.privateKey(),
                walletUrl(MERCHANT_WALLET, merchantWallet),
                allowInsecure));
    }

    /** The option's value or the key file's; both given and different is a contradiction. */
    private static String agree(String option, String given, String field, String inFile, Path file) {
        if (given != null && inFile != null && !given.equals(inFile)) {
            throw new IllegalArgumentException(option + " " + given + " contradicts the " + field + " in " + file + " ("
                    + inFile + "); give one of them");
        }
        return given != null ? given : inFile;
    }

    /**
     * An absolute wallet address URL (a payment pointer {@code $host/path} becomes {@code https://host/path}). Plain
     * http and loopback or private hosts only with {@code --allow-insecure-wallets}: otherwise the functions would
     * refuse them anyway, later and less clearly.
     */
    private String walletUrl(String option, String raw) {
        String url = Urls.fromPaymentPointer(raw.strip());
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a URL: " + raw);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException(option + " must be an absolute https URL with a host, not " + raw);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(option + " must not carry user info, a query or a fragment: " + raw);
        }
        if (!allowInsecure && scheme.equals("http")) {
            throw new IllegalArgumentException(
                    option + " must be https; plain http wallets need " + ALLOW_INSECURE + ": " + raw);
        }
        if (!allowInsecure && isLocalHost(uri.getHost())) {
            throw new IllegalArgumentException(
                    option + " names a loopback or private host; such wallets need " + ALLOW_INSECURE + ": " + raw);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** localhost, or an address literal that is loopback, private, link-local or unspecified (names are not resolved here). */
    private static boolean isLocalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.contains(":") && !h.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(h); // a literal: no lookup
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The contents of the {@code --client-key} file: a PEM key, or the secret JSON with some of its fields. */
    private record KeyFile(String walletAddress, String keyId, String privateKey) {
        static KeyFile read(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(CLIENT_KEY + " " + file + ": no such file");
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalArgumentException(CLIENT_KEY + " " + file + ": cannot read it ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (!text.stripLeading().startsWith("{")) {
                return new KeyFile(null, null, text);
            }
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                // Jackson's message may quote the text around the error, which is key material: give the position only.
                var at = e.getLocation();
                throw new IllegalArgumentException(CLIENT_KEY + " " + file + " is not valid JSON"
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
            }
            String privateKey = text(json, "privateKey", file);
            if (privateKey == null) {
                throw new IllegalArgumentException(CLIENT_KEY + " " + file + " holds JSON without a privateKey");
            }
            return new KeyFile(text(json, "walletAddress", file), text(json, "keyId", file), privateKey);
        }

        private static String text(JsonNode json, String field, Path file) {
            JsonNode v = json.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new IllegalArgumentException(
                        CLIENT_KEY + " " + file + ": " + field + " must be a non-empty string");
            }
            return v.asText();
        }
    }
}
