package dev.opfunctions.client.keys;

import dev.opfunctions.client.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Command line: generates a client key pair, writes the PKCS#8 PEM private key to a new file (mode 600,
 * never overwriting) and prints the public JWK to register with the wallet.
 */
public final class KeyGenCli {

    static final String USAGE = """
            usage: KeyGenCli <private-key.pem> [key-id]

            Generates an Ed25519 key pair for signing Open Payments requests.
              <private-key.pem>  new file for the PKCS#8 PEM private key (mode 600; an existing file is never overwritten)
              [key-id]           the JWK kid the wallet will know the key by (default: a random UUID)
            Prints the public JWK on standard output: upload it to your wallet (e.g. "Developer keys").
            """;

    private KeyGenCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the process exit code (0 ok, 1 failure, 2 usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || args[0].equals("-h") || args[0].equals("--help")) {
            err.print(USAGE);
            return 2;
        }
        Path file = Path.of(args[0]);
        String keyId = args.length == 2 ? args[1] : UUID.randomUUID().toString();
        GeneratedKeyPair pair;
        try {
            pair = Ed25519Keys.generate(keyId);
        } catch (IllegalArgumentException e) {
            err.println("KeyGenCli: " + e.getMessage());
            return 2;
        }
        try {
            writeOwnerOnly(file, pair.privateKeyPem());
        } catch (FileAlreadyExistsException e) {
            err.println("KeyGenCli: " + file + " already exists; not overwriting a key (choose another path)");
            return 1;
        } catch (IOException e) {
            err.println("KeyGenCli: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
        out.println(new String(Json.stringify(pair.publicJwk()), StandardCharsets.UTF_8));
        err.println("KeyGenCli: private key written to " + file + " (key id " + keyId + ")");
        return 0;
    }

    /** Creates the file with owner-only permissions from the start, so the key is never briefly readable. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(text);
        }
    }
}
