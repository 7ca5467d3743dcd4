package dev.opfunctions.local;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * How the local tools (bin/run-local, bin/chaos) read their command lines with picocli: as the
 * home-made parsers before them did (a repeated option takes its last value, no {@code @file}
 * expansion), and with their short messages ("unknown option X", "X needs a value", "X takes a whole number
 * from A to B, not V").
 */
public final class CommandLines {
    private CommandLines() {}

    /** Configures {@code commandLine} the way every local tool reads its options. */
    public static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setOverwrittenOptionsAllowed(true)
                .setExpandAtFiles(false)
                .setUsageHelpAutoWidth(false);
    }

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message naming the option for bad input. */
    public static ParseResult parse(CommandLine commandLine, String[] args) {
        try {
            return commandLine.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown option " + e.getUnmatched().get(0), e);
        } catch (CommandLine.MissingParameterException e) {
            ArgSpec missing = e.getMissing().isEmpty() ? null : e.getMissing().get(0);
            if (missing instanceof OptionSpec option) {
                throw new IllegalArgumentException(option.longestName() + " needs a value", e);
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code value} as a whole number from {@code min} to {@code max}; otherwise a message naming the option and the range. */
    public static int wholeNumber(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " takes a whole number from " + min + " to " + max + ", not " + value);
        }
    }
}
