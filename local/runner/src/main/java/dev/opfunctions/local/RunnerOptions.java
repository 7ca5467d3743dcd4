package dev.opfunctions.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The runner's command line, turned into {@link RunnerSettings}. */
final class RunnerOptions {
  static final String USAGE = """
      usage: bin/run-local [options]
        --port N               storefront and API port (default 4000; 0 = any free port)
        --persist DIR          keep the DynamoDB table in DIR between runs (default: in memory)
        --direct               call the handlers inside the runner instead of through the Lambda
                               runtime interface client (child JVMs); automatic where the RIC cannot run
        --schedule-seconds N   run scheduled functions every N s (default: the template's rate)
        --sandbox-port-base N  wallet sandbox admin port; providers on N+1, N+2 (default 4100; 0 = free ports)
        --wait-seconds N       the sandbox's GNAP continue.wait (default 5, as Rafiki)
        --api-auth MODE        API_KEY (default; the storefront's backend adds the key) or NONE
        --visibility-timeout N seconds before a failed queue message is retried (default 30)

      real wallets instead of the sandbox (no wallet sandbox runs; README "Try it against real wallets"):
        --wallets external     (default: sandbox)
        --client-key FILE      the client's Ed25519 private key: PKCS#8 PEM (as bin/keygen writes), or the
                               Secrets Manager secret JSON {"walletAddress","keyId","privateKey"}
        --client-wallet-address URL   the client's wallet address (unless in the JSON)
        --key-id ID            the id of the key registered at that wallet (unless in the JSON)
        --merchant-wallet-address URL the wallet address the shop is paid into
        --allow-insecure-wallets      allow plain-http and loopback wallets (the functions get
                               LOCAL_DEVELOPMENT=true); without it wallets must be public https
        --help
      """;

  private RunnerOptions() {}

  /** Parses {@code args} over the defaults; throws {@link IllegalArgumentException} with a message for bad input. */
  static RunnerSettings parse(String[] args, Path repoRoot) {
    RunnerSettings s = RunnerSettings.defaults(repoRoot);
    ExternalWalletOptions wallets = new ExternalWalletOptions();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--direct" -> s = s.withDirect(true);
        case "--port" -> s = s.withPort(number(option, value(args, ++i, option), 0, 65535));
        case "--persist" -> s = s.withPersistDir(Optional.of(Path.of(value(args, ++i, option)).toAbsolutePath()));
        case "--schedule-seconds" -> s = s.withSchedulePeriod(
            Optional.of(Duration.ofSeconds(number(option, value(args, ++i, option), 1, 86_400))));
        case "--sandbox-port-base" -> {
          s = s.withSandbox(number(option, value(args, ++i, option), 0, 65_000), s.sandboxWaitSeconds());
          wallets.sandboxOption(option);
        }
        case "--wait-seconds" -> {
          s = s.withSandbox(s.sandboxPortBase(), number(option, value(args, ++i, option), 0, 60));
          wallets.sandboxOption(option);
        }
        case ExternalWalletOptions.WALLETS -> wallets.wallets(value(args, ++i, option));
        case ExternalWalletOptions.CLIENT_KEY -> wallets.clientKey(value(args, ++i, option));
        case ExternalWalletOptions.CLIENT_WALLET -> wallets.clientWallet(value(args, ++i, option));
        case ExternalWalletOptions.KEY_ID -> wallets.keyId(value(args, ++i, option));
        case ExternalWalletOptions.MERCHANT_WALLET -> wallets.merchantWallet(value(args, ++i, option));
        case ExternalWalletOptions.ALLOW_INSECURE -> wallets.allowInsecure();
        case "--visibility-timeout" -> s = s.withVisibilityTimeout(
            Duration.ofSeconds(number(option, value(args, ++i, option), 0, 43_200)));
        case "--api-auth" -> s = s.withApiAuth(apiAuth(value(args, ++i, option)));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    Optional<ExternalWallets> external = wallets.resolve();
    return external.isPresent() ? s.withExternalWallets(external.get()) : s;
  }

  /** The repository root: {@code -Drepo.root}, else the nearest ancestor of the working directory with template.yaml. */
  static Path repoRoot() {
    String configured = System.getProperty("repo.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalArgumentException("cannot find the repository (template.yaml); run from inside it or pass -Drepo.root");
  }

  private static RunnerSettings.ApiAuth apiAuth(String value) {
    if (value.equals("IAM")) {
      throw new IllegalArgumentException("--api-auth IAM cannot be emulated locally (SigV4 against execute-api); use API_KEY or NONE");
    }
    try {
      return RunnerSettings.ApiAuth.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--api-auth takes API_KEY or NONE, not " + value);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String option, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max + ", not " + value);
    }
  }
}
