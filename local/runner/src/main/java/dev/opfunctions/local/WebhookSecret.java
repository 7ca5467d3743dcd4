package dev.opfunctions.local;

import dev.opfunctions.aws.local.LocalSecretsManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret the functions sign webhooks with ({@code whsec_} and the base64 of 24 random bytes, the
 * form Stripe's and Svix's receivers know), stored in the local Secrets Manager for the template's
 * {@code WebhookSecretArn}. Under {@code --persist} it is kept in a file readable by its owner only and
 * used again, so a receiver configured with it keeps verifying across restarts, like the shop's key.
 *
 * <p>{@link #toString()} never shows the value.
 */
public final class WebhookSecret {
    /** The secret's name in the local Secrets Manager. */
    public static final String SECRET_NAME = "opfunctions/local/webhook-secret";

    static final String FILE = "webhook-secret.txt";
    private static final String PREFIX = "whsec_";

    private final String value;
    private final String arn;

    private WebhookSecret(String value, String arn) {
        this.value = value;
        this.arn = arn;
    }

    /** Reads the kept secret from {@code persistDir} (or makes and keeps a new one) and stores it. */
    static WebhookSecret create(LocalSecretsManager secrets, Optional<Path> persistDir) {
        Optional<Path> file = persistDir.map(d -> d.resolve(FILE));
        Optional<String> kept = file.flatMap(WebhookSecret::read);
        String value = kept.orElseGet(WebhookSecret::fresh);
        if (kept.isEmpty()) file.ifPresent(f -> write(f, value));
        return new WebhookSecret(value, secrets.createSecret(SECRET_NAME, value));
    }

    /** The secret itself, {@code whsec_…}: for a receiver that verifies signatures (the storefront's). */
    public String value() {
        return value;
    }

    /** The ARN in the local Secrets Manager (what {@code WebhookSecretArn} gets). */
    public String arn() {
        return arn;
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + arn + ", value hidden]";
    }

    private static String fresh() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return PREFIX + Base64.getEncoder().encodeToString(random);
    }

    private static Optional<String> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.startsWith(PREFIX) ? Optional.of(text) : Optional.empty();
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the webhook secret in " + file, e);
        }
    }
}
