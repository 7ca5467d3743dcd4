package dev.opfunctions.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a walk through DueIndex stands in each of its buckets: the last entry a page returned from it
 * (the next query starts after it, with DynamoDB's ExclusiveStartKey), or finished. Travels between pages
 * as an opaque string ({@link dev.opfunctions.checkout.port.CheckoutStore.DuePage#next()}).
 */
final class DuePosition {

    /** One DueIndex entry: its bucket, due time and the checkout's partition key. */
    record Entry(int bucket, String dueAt, String pk) {}

    private static final String FINISHED = "!";
    private static final String FRESH = "-";

    private final Entry[] last;
    private final boolean[] finished;

    private DuePosition(Entry[] last, boolean[] finished) {
        this.last = last;
        this.finished = finished;
    }

    /** The position {@code encoded} names; null is the start of the walk. */
    static DuePosition decode(String encoded, int buckets) {
        Entry[] last = new Entry[buckets];
        boolean[] finished = new boolean[buckets];
        if (encoded == null) return new DuePosition(last, finished);
        String[] parts = encoded.split("\\.", -1);
        if (parts.length != buckets) throw new IllegalArgumentException("not a DueIndex position: " + encoded);
        for (int b = 0; b < buckets; b++) {
            if (parts[b].equals(FINISHED)) finished[b] = true;
            else if (!parts[b].equals(FRESH)) {
                String[] key =
                        new String(Base64.getUrlDecoder().decode(parts[b]), StandardCharsets.UTF_8).split("\n", 2);
                if (key.length != 2) throw new IllegalArgumentException("not a DueIndex position: " + encoded);
                last[b] = new Entry(b, key[0], key[1]);
            }
        }
        return new DuePosition(last, finished);
    }

    boolean finished(int bucket) {
        return finished[bucket];
    }

    /** The last entry returned from {@code bucket}, null before its first. */
    Entry last(int bucket) {
        return last[bucket];
    }

    /**
     * The position after a page: each bucket moves to the last entry {@code taken} from it, and is finished
     * once everything it had left was read and taken.
     *
     * @param read        every entry the page's queries returned, each bucket's in the index's order
     * @param moreInIndex per bucket, whether its query stopped before the end of the due range
     */
    DuePosition after(List<Entry> taken, List<Entry> read, boolean[] moreInIndex) {
        Entry[] nextLast = last.clone();
        boolean[] nextFinished = finished.clone();
        for (int b = 0; b < last.length; b++) {
            if (finished[b]) continue;
            int bucket = b;
            List<Entry> takenHere =
                    taken.stream().filter(e -> e.bucket() == bucket).toList();
            long readHere = read.stream().filter(e -> e.bucket() == bucket).count();
            if (!takenHere.isEmpty()) nextLast[b] = takenHere.get(takenHere.size() - 1);
            nextFinished[b] = takenHere.size() == readHere && !moreInIndex[b];
        }
        return new DuePosition(nextLast, nextFinished);
    }

    boolean done() {
        for (boolean f : finished) if (!f) return false;
        return true;
    }

    String encode() {
        List<String> parts = new ArrayList<>();
        for (int b = 0; b < last.length; b++) {
            if (finished[b]) parts.add(FINISHED);
            else if (last[b] == null) parts.add(FRESH);
            else
                parts.add(Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((last[b].dueAt() + "\n" + last[b].pk()).getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(".", parts);
    }
}
