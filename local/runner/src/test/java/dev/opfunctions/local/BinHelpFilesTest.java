package dev.opfunctions.local;

import dev.opfunctions.local.chaos.ChaosHelp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bin/run-local and bin/chaos answer --help from bin/help/*.txt without building anything; these files
 * must say exactly what the runner's own option parsers would print.
 */
class BinHelpFilesTest {

    @Test
    void runLocalHelpFileIsTheRunnersUsage() throws Exception {
        HelpFile.check(Path.of("bin/help/run-local.txt"), RunnerOptions.usage());
    }

    @Test
    void chaosHelpFileIsTheChaosRunsUsage() throws Exception {
        HelpFile.check(Path.of("bin/help/chaos.txt"), ChaosHelp.usage());
    }
}
