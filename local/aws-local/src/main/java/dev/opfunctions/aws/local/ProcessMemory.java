package dev.opfunctions.aws.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's resident memory, read from {@code /proc/<pid>/status} (VmRSS): how the emulator
 * benchmark and the chaos run show whether moto's memory stays flat. Linux only; elsewhere empty.
 */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Resident bytes of {@code pid}, or empty when /proc has no such process (gone, or not Linux). */
    public static OptionalLong residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no such process, or no /proc: the caller prints "n/a"
        }
        return OptionalLong.empty();
    }
}
