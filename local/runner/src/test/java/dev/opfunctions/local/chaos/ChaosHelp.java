package dev.opfunctions.local.chaos;

/** Opens the chaos run's package-private usage text to the runner's help-file test. */
public final class ChaosHelp {
    private ChaosHelp() {}

    public static String usage() {
        return ChaosOptions.usage();
    }
}
