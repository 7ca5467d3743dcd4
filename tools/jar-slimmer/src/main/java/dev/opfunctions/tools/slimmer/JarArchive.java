package dev.opfunctions.tools.slimmer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A jar's entries in their original order, with their timestamps, so a rewrite is reproducible. */
record JarArchive(Map<String, byte[]> entries, Map<String, Long> times) {

    static JarArchive read(byte[] jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Long> times = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
                times.put(e.getName(), e.getTime());
            }
        }
        return new JarArchive(entries, times);
    }

    /**
     * The jar with only the files {@code keep} accepts (and the directories that still hold one),
     * some of them with new contents.
     */
    byte[] write(Predicate<String> keep, Map<String, byte[]> replacements) throws IOException {
        Set<String> keptFiles = new HashSet<>();
        Set<String> keptDirectories = new HashSet<>();
        for (String name : entries.keySet()) {
            if (name.endsWith("/") || !keep.test(name)) continue;
            keptFiles.add(name);
            for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1))
                keptDirectories.add(name.substring(0, i + 1));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (String name : entries.keySet()) {
                if (!(name.endsWith("/") ? keptDirectories.contains(name) : keptFiles.contains(name))) continue;
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(times.get(name));
                zip.putNextEntry(entry);
                zip.write(replacements.getOrDefault(name, entries.get(name)));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
