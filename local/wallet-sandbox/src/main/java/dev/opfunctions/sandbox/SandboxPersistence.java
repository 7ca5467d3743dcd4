package dev.opfunctions.sandbox;

import dev.opfunctions.client.json.Json;
import dev.opfunctions.client.keys.Jwk;
import dev.opfunctions.sandbox.auth.AuthState;
import dev.opfunctions.sandbox.ledger.AccountId;
import dev.opfunctions.sandbox.ledger.LedgerEntry;
import dev.opfunctions.sandbox.resource.ResourceState;
import dev.opfunctions.sandbox.state.Records;
import dev.opfunctions.sandbox.state.Records.AmountRec;
import dev.opfunctions.sandbox.state.Records.EntryRec;
import dev.opfunctions.sandbox.state.StateFiles;
import dev.opfunctions.sandbox.wallet.WalletAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a sandbox's world in a state directory ({@link StateFiles}): loaded at start
 * ({@link SandboxRestore}), written through after every change batch (a provider request that is not a
 * read, an admin change, a settlement) before its answer leaves, and snapshotted at an orderly stop.
 *
 * <p>A batch writes only the records that differ from what was last written: every object is exported
 * as a record and compared with the last record written under its key, so no mutation site has to
 * remember to mark what it changed, and a new mutation site cannot silently go unsaved. Ledger entries
 * never change, so only those past the last written one are exported.
 */
final class SandboxPersistence implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxPersistence.class.getName());

    /** Past this the journal is folded into a new snapshot, so a restart never replays a huge log. */
    private static final long COMPACT_AFTER_BYTES = 32L * 1024 * 1024;

    private final StateFiles files;
    private final Map<String, Records.Rec> saved;
    private final Map<String, Records.Rec> written = new HashMap<>();
    private WalletSandbox sandbox;
    private int entriesWritten;
    private final Stats stats = new Stats();

    /** Write-through figures since start: batches, those that wrote, records, bytes, time in {@link #sync()}. */
    static final class Stats {
        long batches;
        long writingBatches;
        long records;
        long bytes;
        long nanos;
        long writingNanos;
        long ioNanos;

        @Override
        public String toString() {
            return batches + " batches (" + writingBatches + " wrote), " + records + " records, " + bytes + " bytes, "
                    + nanos / 1_000 + " us in total, " + writingNanos / 1_000 + " us in writing batches, "
                    + ioNanos / 1_000 + " us of it appending and forcing the journal";
        }
    }

    private SandboxPersistence(StateFiles files, Map<String, Records.Rec> saved) {
        this.files = files;
        this.saved = saved;
    }

    static SandboxPersistence open(Path dir) {
        StateFiles files = StateFiles.open(dir);
        try {
            return new SandboxPersistence(files, files.load());
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /** What the directory held when it was opened, by key. */
    Map<String, Records.Rec> saved() {
        return saved;
    }

    /** Starts writing through for {@code started}: first a snapshot of the world as restored and completed. */
    synchronized void attach(WalletSandbox started) throws IOException {
        List<Records.Rec> all = export(started, 0);
        files.writeSnapshot(all);
        all.stream().filter(r -> !(r instanceof EntryRec)).forEach(r -> written.put(r.key(), r));
        entriesWritten = started.ledger.entryCount();
        sandbox = started;
    }

    /** Writes what changed since the last batch, forced to the disk; a no-op before {@link #attach}. */
    synchronized void sync() {
        if (sandbox == null) return;
        long start = System.nanoTime();
        List<Records.Rec> changed = new ArrayList<>();
        for (Records.Rec r : export(sandbox, entriesWritten)) {
            if (r instanceof EntryRec) changed.add(r);
            else if (!r.equals(written.get(r.key()))) changed.add(r);
        }
        stats.batches++;
        try {
            if (!changed.isEmpty()) {
                long io = System.nanoTime();
                stats.bytes += files.append(changed);
                stats.ioNanos += System.nanoTime() - io;
                stats.writingBatches++;
                stats.records += changed.size();
                for (Records.Rec r : changed) {
                    if (r instanceof EntryRec e) entriesWritten = Math.max(entriesWritten, (int) e.sequence());
                    else written.put(r.key(), r);
                }
                stats.writingNanos += System.nanoTime() - start;
                if (files.journalSize() > COMPACT_AFTER_BYTES) files.writeSnapshot(export(sandbox, 0));
            }
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot write the sandbox state", e);
            throw new UncheckedIOException("the sandbox could not save this change", e);
        } finally {
            stats.nanos += System.nanoTime() - start;
        }
    }

    synchronized Stats stats() {
        return stats;
    }

    /** An orderly stop: one snapshot of everything, then the files are released. */
    synchronized void snapshotAndClose() {
        try {
            if (sandbox != null) files.writeSnapshot(export(sandbox, 0));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot write the sandbox snapshot; the journal still holds every change", e);
        } finally {
            files.close();
        }
    }

    /** Releases the files without writing: what a killed process leaves behind. */
    @Override
    public synchronized void close() {
        sandbox = null;
        files.close();
    }

    /** Every record of the world; ledger entries only after the first {@code entriesAlready}. */
    private static List<Records.Rec> export(WalletSandbox s, int entriesAlready) {
        List<Records.Rec> out = new ArrayList<>();
        out.add(new Records.ClockRec(s.clock.offset().toString()));
        if (s.adminUrlOrNull() != null)
            out.add(new Records.AdminRec(URI.create(s.adminUrlOrNull()).getPort()));
        for (ProviderServer server : s.servers()) {
            out.add(new Records.ProviderRec(server.provider.name(), server.provider.port()));
        }
        for (WalletAddress w : s.directory.all()) {
            out.add(new Records.WalletRec(
                    w.url(),
                    w.provider().name(),
                    w.name(),
                    AmountRec.of(w.asset().zero()),
                    w.publicName()));
            List<Jwk> keys = s.directory.keys(w.url());
            if (!keys.isEmpty()) {
                out.add(new Records.KeysRec(
                        w.url(),
                        keys.stream()
                                .map(k -> (com.fasterxml.jackson.databind.JsonNode)
                                        Json.mapper().valueToTree(k))
                                .toList()));
            }
        }
        for (ProviderServer server : s.servers()) AuthState.export(server.auth, out::add);
        synchronized (s.store) {
            ResourceState.export(s.store, out::add);
            for (LedgerEntry e : s.ledger.entriesAfter(entriesAlready)) out.add(entry(e));
        }
        return out;
    }

    private static EntryRec entry(LedgerEntry e) {
        return new EntryRec(
                e.sequence(),
                e.transfer(),
                Records.time(e.postedAt()),
                e.debit().kind().name(),
                e.debit().name(),
                e.credit().kind().name(),
                e.credit().name(),
                AmountRec.of(e.amount()),
                e.reference());
    }

    static LedgerEntry entry(EntryRec r) {
        return new LedgerEntry(
                r.sequence(),
                r.transfer(),
                Records.instant(r.postedAt()),
                new AccountId(AccountId.Kind.valueOf(r.debitKind()), r.debitName()),
                new AccountId(AccountId.Kind.valueOf(r.creditKind()), r.creditName()),
                r.amount().amount(),
                r.reference());
    }
}
