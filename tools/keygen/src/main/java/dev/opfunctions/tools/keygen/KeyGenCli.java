package dev.opfunctions.tools.keygen;

import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Ed25519Keys;
import dev.opfunctions.client.keys.GeneratedKeyPair;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command line ({@code bin/keygen}): generates a client key pair, writes the PKCS#8 PEM private key to a new
 * file (mode 600, never overwriting) and prints the public JWK to register with the wallet.
 */
@Command(
        name = "bin/keygen",
        synopsisHeading = "usage: ",
        customSynopsis = "bin/keygen <private-key.pem> [key-id]",
        usageHelpWidth = 120,
        description = "Generates an Ed25519 key pair for signing Open Payments requests.",
        footerHeading = "%n",
        footer = "Prints the public JWK on standard output: upload it to your wallet (e.g. \"Developer keys\").")
public final class KeyGenCli {
    /** The exit code for bad arguments: nothing has been written when it is returned. */
    static final int USAGE_ERROR = 2;

    @Parameters(
            index = "0",
            paramLabel = "<private-key.pem>",
            description = "new file for the PKCS#8 PEM private key (mode 600; an existing file is never overwritten)")
    private Path file;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "key-id",
            description = "the JWK kid the wallet will know the key by (default: a random UUID)")
    private String keyId;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help and exit")
    private boolean help;

    private KeyGenCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the process exit code (0 ok, 1 failure, 2 usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        KeyGenCli cli = new KeyGenCli();
        CommandLine commandLine = new CommandLine(cli).setExpandAtFiles(false);
        String usage = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
        if (args.length == 0) {
            err.print(usage);
            return USAGE_ERROR;
        }
        try {
            if (commandLine.parseArgs(args).isUsageHelpRequested()) {
                out.print(usage);
                return 0;
            }
        } catch (CommandLine.ParameterException e) {
            err.println("keygen: " + e.getMessage() + " (bin/keygen --help lists the arguments)");
            return USAGE_ERROR;
        }
        return cli.generate(out, err);
    }

    private int generate(PrintStream out, PrintStream err) {
        String id = keyId != null ? keyId : UUID.randomUUID().toString();
        GeneratedKeyPair pair;
        try {
            pair = Ed25519Keys.generate(id);
        } catch (IllegalArgumentException e) {
            err.println("keygen: " + e.getMessage()); // the message names the key id
            return USAGE_ERROR;
        }
        try {
            writeOwnerOnly(file, pair.privateKeyPem());
        } catch (FileAlreadyExistsException e) {
            err.println("keygen: " + file + " already exists; not overwriting a key (choose another path)");
            return 1;
        } catch (IOException e) {
            err.println("keygen: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
        out.println(new String(Json.stringify(pair.publicJwk()), StandardCharsets.UTF_8));
        err.println("keygen: private key written to " + file + " (key id " + id + ")");
        return 0;
    }

    /** Creates the file with owner-only permissions from the start, so the key is never briefly readable. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        boolean posix = file.toAbsolutePath()
                .getFileSystem()
                .supportedFileAttributeViews()
                .contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        try (Writer w =
                Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(text);
        }
    }
}
