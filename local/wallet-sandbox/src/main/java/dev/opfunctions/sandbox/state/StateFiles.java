package dev.opfunctions.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sandbox's state directory: {@code snapshot.jsonl} (a header line naming its generation, then one
 * record per line) and {@code journal-<generation>.jsonl}, the records written since that snapshot.
 * Loading reads the snapshot and replays only the journal of the same generation, so a crash between
 * writing a new snapshot and deleting the old journal cannot replay stale records over newer ones.
 * Every append is forced to the disk before it returns: what a caller acknowledges afterwards survives
 * a SIGKILL (and a power cut, as far as the disk honours {@code fsync}). A torn last journal line is
 * a write that never returned, so it is dropped. A lock file keeps two sandboxes off one directory.
 */
public final class StateFiles implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<? extends Records.Rec>> TYPES = types();

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long generation;
    private FileChannel journal;

    private StateFiles(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating) the directory and takes its lock. */
    public static StateFiles open(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel channel =
                    FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another sandbox holds the state directory " + dir);
            }
            return new StateFiles(dir, channel, lock);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException("another sandbox in this JVM holds the state directory " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox state directory " + dir, e);
        }
    }

    /** Everything saved, by key (empty for a new directory). */
    public Map<String, Records.Rec> load() {
        Map<String, Records.Rec> state = new LinkedHashMap<>();
        Path snapshot = dir.resolve("snapshot.jsonl");
        try {
            if (Files.exists(snapshot)) {
                try (BufferedReader in = Files.newBufferedReader(snapshot, StandardCharsets.UTF_8)) {
                    generation = JSON.readTree(in.readLine()).path("generation").asLong();
                    for (String line = in.readLine(); line != null; line = in.readLine()) put(state, parse(line));
                }
            }
            Path log = journalPath(generation);
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    try {
                        put(state, parse(lines.get(i)));
                    } catch (IOException | RuntimeException torn) {
                        if (i < lines.size() - 1) throw new IOException("corrupt journal line " + (i + 1), torn);
                    }
                }
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox state in " + dir, e);
        }
    }

    /**
     * Writes every record as the next generation's snapshot (temporary file, forced, renamed over the
     * old one) and starts that generation's empty journal.
     */
    public synchronized void writeSnapshot(Collection<? extends Records.Rec> records) throws IOException {
        long next = generation + 1;
        Path tmp = dir.resolve("snapshot.jsonl.tmp");
        try (FileChannel out = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder("{\"generation\":" + next + "}\n");
            for (Records.Rec r : records) text.append(line(r));
            writeFully(out, text.toString());
            out.force(true);
        }
        Files.move(tmp, dir.resolve("snapshot.jsonl"), StandardCopyOption.ATOMIC_MOVE);
        if (journal != null) journal.close();
        journal = FileChannel.open(
                journalPath(next),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.deleteIfExists(journalPath(generation));
        generation = next;
    }

    /** Appends records to the journal and forces them to the disk; returns the bytes written. */
    public synchronized int append(List<? extends Records.Rec> records) throws IOException {
        if (journal == null) throw new IllegalStateException("no snapshot written yet");
        StringBuilder text = new StringBuilder();
        for (Records.Rec r : records) text.append(line(r));
        int bytes = writeFully(journal, text.toString());
        journal.force(false);
        return bytes;
    }

    /** The current journal's size in bytes. */
    public synchronized long journalSize() throws IOException {
        return journal == null ? 0 : journal.size();
    }

    /** Closes the files and releases the lock without writing anything. */
    @Override
    public synchronized void close() {
        try {
            if (journal != null) journal.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path journalPath(long gen) {
        return dir.resolve("journal-" + gen + ".jsonl");
    }

    private static void put(Map<String, Records.Rec> state, Records.Rec r) {
        state.put(r.key(), r);
    }

    private static String line(Records.Rec r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", r.getClass().getSimpleName());
        node.set("rec", JSON.valueToTree(r));
        return node + "\n";
    }

    private static Records.Rec parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        Class<? extends Records.Rec> type = TYPES.get(node.path("type").asText());
        if (type == null) throw new IOException("unknown record type in " + line);
        return JSON.treeToValue(node.get("rec"), type);
    }

    private static int writeFully(FileChannel out, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        int bytes = buffer.remaining();
        while (buffer.hasRemaining()) out.write(buffer);
        return bytes;
    }

    private static Map<String, Class<? extends Records.Rec>> types() {
        Map<String, Class<? extends Records.Rec>> map = new LinkedHashMap<>();
        for (Class<?> c : Records.Rec.class.getPermittedSubclasses()) {
            map.put(c.getSimpleName(), c.asSubclass(Records.Rec.class));
        }
        return map;
    }
}
