package org.consentledger.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * BENCHMARK REFERENCE ONLY: the previous VerificationService (commit d1d2783), kept verbatim except for its name so
 * LedgerBenchmarkTest can report the new implementation as a ratio against it on the same data in the same run.
 * Keyset batches of 8,192 rows, leaves built through a map and the generic writer (as with ledger.Jcs), a second
 * tree pass per tile. (Row decoding and the commitment preimage use the current code.)
 *
 * <p>Recomputes a site's log from the stored rows in one consistent snapshot: every leaf from its event
 * (or erasure) row, the commitment of every row that still has its personal fields, every stored tree
 * hash (tiles), every checkpoint signature and root. Stops at the first problem and names it.
 */
@ApplicationScoped
public class KeysetVerificationBaseline {

    static final int BATCH = 8192;

    @Inject
    LedgerService ledger;
    @Inject
    LedgerKeys keys;

    public record Result(String siteKey, boolean ok, long treeSize, long leavesVerified, long purgedBelow,
                         int checkpointsVerified, Long firstBadLeaf, Long badCheckpointSize, String reason,
                         long millis) {
        public String summary() {
            if (ok) {
                return "OK: site " + siteKey + ", " + treeSize + " leaves (" + leavesVerified + " recomputed from rows, "
                        + purgedBelow + " purged by retention and checked by hash only), " + checkpointsVerified
                        + " signed checkpoints, " + millis + " ms";
            }
            return "FAILED: site " + siteKey + ": "
                    + (firstBadLeaf != null ? "first bad leaf " + firstBadLeaf + ": " : "")
                    + (badCheckpointSize != null ? "checkpoint at tree size " + badCheckpointSize + ": " : "")
                    + reason;
        }
    }

    private static final class Failure extends RuntimeException {
        final Long leaf;
        final Long checkpoint;

        Failure(Long leaf, Long checkpoint, String reason) {
            super(reason, null, false, false);
            this.leaf = leaf;
            this.checkpoint = checkpoint;
        }
    }

    private record Cp(long size, byte[] root) {
    }

    public Result verify(String siteKey, BiConsumer<Long, Long> progress) {
        long start = System.nanoTime();
        return ledger.snapshot(c -> {
            LedgerStore.Site site = LedgerStore.site(c, siteKey);
            if (site == null) {
                throw org.consentledger.platform.ProblemException.notFound("unknown site " + siteKey);
            }
            LedgerStore.Head head = LedgerStore.head(c, site.id(), "");
            long treeSize = head == null ? 0 : head.treeSize();
            long purged = head == null ? 0 : head.purgedBelow();
            State st = new State(site, treeSize);
            try {
                List<Cp> cps = checkpoints(c, site, head);
                st.cps = cps;
                st.verify(c, purged, progress);
                return new Result(siteKey, true, treeSize, treeSize - purged, purged, cps.size(), null, null, null, ms(start));
            } catch (Failure f) {
                return new Result(siteKey, false, treeSize, st.done, purged, st.cpDone, f.leaf, f.checkpoint, f.getMessage(), ms(start));
            }
        });
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private List<Cp> checkpoints(Connection c, LedgerStore.Site site, LedgerStore.Head head) throws SQLException {
        List<NoteKeys.Verifier> verifiers = keys.verifiers();
        List<Cp> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, note FROM ledger_checkpoint WHERE site_id = ? ORDER BY tree_size")) {
            ps.setLong(1, site.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long size = rs.getLong(1);
                    byte[] root = rs.getBytes(2);
                    String note = rs.getString(3);
                    SignedNote.Checkpoint cp;
                    try {
                        cp = SignedNote.parseCheckpoint(open(note, verifiers));
                    } catch (RuntimeException e) {
                        throw new Failure(null, size, "signature or format invalid: " + e.getMessage());
                    }
                    if (cp.size() != size || !Arrays.equals(cp.root(), root)) {
                        throw new Failure(null, size, "stored size/root columns differ from the signed note");
                    }
                    if (!cp.origin().endsWith("/" + site.siteKey())) {
                        throw new Failure(null, size, "signed origin " + cp.origin() + " is not this site's log");
                    }
                    out.add(new Cp(size, root));
                }
            }
        }
        long treeSize = head == null ? 0 : head.treeSize();
        if (treeSize > 0) {
            if (out.isEmpty() || out.get(out.size() - 1).size() != treeSize) {
                throw new Failure(null, treeSize, "the head's tree size has no signed checkpoint");
            }
            if (!Arrays.equals(out.get(out.size() - 1).root(), head.root())) {
                throw new Failure(null, treeSize, "the head's root differs from the latest signed checkpoint");
            }
        }
        return out;
    }

    static String open(String note, List<NoteKeys.Verifier> verifiers) {
        SignedNote.Parsed p = SignedNote.parse(note);
        for (SignedNote.Sig s : p.signatures()) {
            for (NoteKeys.Verifier v : verifiers) {
                if (v.name().equals(s.name()) && v.keyHash() == s.keyHash()) {
                    return SignedNote.open(note, v);
                }
            }
        }
        throw new SignedNote.NoteException("signed by no known verifier key");
    }

    private final class State {
        final LedgerStore.Site site;
        final long treeSize;
        List<Cp> cps;
        int cpDone;
        long done;
        final Merkle.CompactRange range = new Merkle.CompactRange();
        final List<List<byte[]>> levelBuffers = new ArrayList<>();
        final List<Long> levelTileIndex = new ArrayList<>();
        Set<String> erased = new HashSet<>();
        Connection c;

        State(LedgerStore.Site site, long treeSize) {
            this.site = site;
            this.treeSize = treeSize;
        }

        void verify(Connection c, long purged, BiConsumer<Long, Long> progress) throws SQLException {
            this.c = c;
            loadErasures();
            long index = 0;
            // purged prefix: hashes only (bound by the signed checkpoints)
            while (index < purged) {
                long end = Math.min(purged, (index / BATCH + 1) * BATCH);
                byte[][] stored = storedLeafHashes(index, end);
                for (long i = index; i < end; i++) {
                    byte[] h = stored[(int) (i - index)];
                    if (h == null) {
                        throw new Failure(i, null, "hash of purged leaf missing from the stored tree");
                    }
                    accept(i, h);
                }
                index = end;
                progress(progress, index);
            }
            while (true) {
                List<Object[]> rows = leafRows(index);
                if (rows.isEmpty()) {
                    break;
                }
                byte[][] computed = new byte[rows.size()][];
                String[] errors = new String[rows.size()];
                final long base = index;
                IntStream.range(0, rows.size()).parallel().forEach(k -> {
                    try {
                        computed[k] = leafHash(rows.get(k));
                    } catch (RuntimeException e) {
                        errors[k] = e.getMessage();
                    }
                });
                long last = (Long) rows.get(rows.size() - 1)[0];
                byte[][] stored = storedLeafHashes(base, Math.min(last + 1, treeSize));
                for (int k = 0; k < rows.size(); k++) {
                    long li = (Long) rows.get(k)[0];
                    if (li != index) {
                        throw new Failure(index, null, "leaf row is missing (next stored leaf index is " + li + ")");
                    }
                    if (li >= treeSize) {
                        throw new Failure(li, null, "leaf exists beyond the latest signed checkpoint (tree size " + treeSize + ")");
                    }
                    if (errors[k] != null) {
                        throw new Failure(li, null, errors[k]);
                    }
                    byte[] s = stored[(int) (li - base)];
                    if (s == null || !MessageDigest.isEqual(s, computed[k])) {
                        throw new Failure(li, null, "leaf recomputed from the stored row differs from the sealed tree hash "
                                + "(row changed, swapped or replaced, or the stored hash was edited)");
                    }
                    accept(li, computed[k]);
                    index++;
                }
                progress(progress, index);
            }
            if (index < treeSize) {
                throw new Failure(index, null, "leaf row is missing (log has " + treeSize + " leaves)");
            }
            finishTiles();
            if (cpDone < cps.size()) {
                throw new Failure(null, cps.get(cpDone).size(), "checkpoint is beyond the log's leaves");
            }
        }

        void progress(BiConsumer<Long, Long> progress, long index) {
            done = index;
            if (progress != null) {
                progress.accept(index, treeSize);
            }
        }

        void loadErasures() throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT consent_ids FROM ledger_erasure WHERE site_id = ?")) {
                ps.setLong(1, site.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        try {
                            erased.addAll(LeafCodec.stringList(rs.getString(1)));
                        } catch (RuntimeException e) {
                            // the leaf check of that erasure reports it
                        }
                    }
                }
            }
        }

        List<Object[]> leafRows(long from) throws SQLException {
            List<Object[]> out = new ArrayList<>(BATCH);
            try (PreparedStatement ps = c.prepareStatement("SELECT l.leaf_index, l.event_id, l.erasure_id, "
                    + LedgerStore.EVENT_COLUMNS + ", " + LedgerStore.ERASURE_COLUMNS
                    + " FROM ledger_leaf l LEFT JOIN consent_event e ON e.id = l.event_id"
                    + " LEFT JOIN ledger_erasure r ON r.id = l.erasure_id"
                    + " WHERE l.site_id = ? AND l.leaf_index >= ? ORDER BY l.leaf_index LIMIT " + BATCH)) {
                ps.setLong(1, site.id());
                ps.setLong(2, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long li = rs.getLong(1);
                        long eventId = rs.getLong(2);
                        boolean hasEvent = !rs.wasNull();
                        long erasureId = rs.getLong(3);
                        boolean hasErasure = !rs.wasNull();
                        rs.getLong(4);
                        LedgerStore.EventRow ev = rs.wasNull() ? null : LedgerStore.event(rs, 4);
                        int eo = 4 + LedgerStore.EVENT_COLUMN_COUNT;
                        rs.getLong(eo);
                        LedgerStore.ErasureRecord er = rs.wasNull() ? null : LedgerStore.erasure(rs, eo);
                        out.add(new Object[]{li, hasEvent ? eventId : null, hasErasure ? erasureId : null, ev, er});
                    }
                }
            }
            return out;
        }

        byte[] leafHash(Object[] row) {
            Long eventId = (Long) row[1];
            Long erasureId = (Long) row[2];
            LedgerStore.EventRow ev = (LedgerStore.EventRow) row[3];
            LedgerStore.ErasureRecord er = (LedgerStore.ErasureRecord) row[4];
            if ((eventId == null) == (erasureId == null)) {
                throw new IllegalStateException("leaf row must reference exactly one event or erasure");
            }
            byte[] leaf;
            if (eventId != null) {
                if (ev == null) {
                    throw new IllegalStateException("consent event row " + eventId + " was deleted");
                }
                if (ev.siteId() != site.id()) {
                    throw new IllegalStateException("consent event row " + eventId + " belongs to another site");
                }
                checkPersonal(ev);
                leaf = org.consentledger.platform.CanonicalJson.bytes(LeafCodec.consentFields(ev.leafRow(site.siteKey()))); // generic map writer, as ledger.Jcs was
            } else {
                if (er == null) {
                    throw new IllegalStateException("erasure record " + erasureId + " was deleted");
                }
                if (er.siteId() != site.id()) {
                    throw new IllegalStateException("erasure record " + erasureId + " belongs to another site");
                }
                leaf = LeafCodec.erasureLeaf(er.leafRow(site.siteKey()));
            }
            return Merkle.leafHash(leaf);
        }

        void checkPersonal(LedgerStore.EventRow ev) {
            if (ev.salt() == null) {
                if (ev.visitorId() != null || ev.ipTruncated() != null || ev.userAgent() != null) {
                    throw new IllegalStateException("personal fields present without their salt");
                }
                if (!erased.contains(ev.consentId())) {
                    throw new IllegalStateException("personal data removed without a recorded erasure");
                }
                return;
            }
            if (erased.contains(ev.consentId())) {
                throw new IllegalStateException("personal data of an erased event is present again");
            }
            byte[] expected = PersonalCommitment.compute(ev.salt(), ev.visitorId(), ev.ipTruncated(), ev.userAgent());
            if (!MessageDigest.isEqual(expected, ev.commitment())) {
                throw new IllegalStateException("visitor id, truncated IP or user agent differ from the sealed commitment");
            }
        }

        /** Level-0 hashes [from, to) from the stored tiles (null where missing). */
        byte[][] storedLeafHashes(long from, long to) {
            byte[][] out = new byte[(int) (to - from)][];
            if (to <= from) {
                return out;
            }
            List<Tiles.TileId> ids = new ArrayList<>();
            for (long t = from >> Tiles.HEIGHT; t <= (to - 1) >> Tiles.HEIGHT; t++) {
                ids.add(new Tiles.TileId(0, t));
            }
            var tiles = LedgerStore.tiles(c, site.id(), ids);
            for (long i = from; i < to; i++) {
                byte[] tile = tiles.get(new Tiles.TileId(0, i >> Tiles.HEIGHT));
                int off = (int) (i & (Tiles.WIDTH - 1));
                if (tile != null && (off + 1) * Merkle.HASH_SIZE <= tile.length) {
                    out[(int) (i - from)] = Tiles.hashAt(tile, off);
                }
            }
            return out;
        }

        /** Feeds a verified leaf hash into the checkpoint roots and the higher tile levels. */
        void accept(long index, byte[] hash) {
            range.append(hash);
            push(0, hash);
            while (cpDone < cps.size() && cps.get(cpDone).size() == range.size()) {
                if (!MessageDigest.isEqual(range.root(), cps.get(cpDone).root())) {
                    throw new Failure(null, cps.get(cpDone).size(),
                            "signed root differs from the tree recomputed from the rows: the log before this size was rewritten");
                }
                cpDone++;
            }
        }

        private final MessageDigest sha = Merkle.sha256();

        /** Level-L entries; complete 256-entry groups are compared with the stored tile one level up. */
        void push(int level, byte[] hash) {
            while (levelBuffers.size() <= level) {
                levelBuffers.add(new ArrayList<>(Tiles.WIDTH));
                levelTileIndex.add(0L);
            }
            if (level == 0) {
                // level-0 tiles were compared entry by entry already; only build their roots
            }
            List<byte[]> buf = levelBuffers.get(level);
            buf.add(hash);
            if (buf.size() == Tiles.WIDTH) {
                long tileIndex = levelTileIndex.get(level);
                if (level > 0) {
                    compareTile(level, tileIndex, buf);
                }
                byte[][] arr = buf.toArray(new byte[0][]);
                byte[] root = Merkle.perfectRoot(sha, arr, 0, Tiles.WIDTH);
                buf.clear();
                levelTileIndex.set(level, tileIndex + 1);
                push(level + 1, root);
            }
        }

        void finishTiles() {
            for (int level = 1; level < levelBuffers.size(); level++) {
                List<byte[]> buf = levelBuffers.get(level);
                if (!buf.isEmpty()) {
                    compareTile(level, levelTileIndex.get(level), buf);
                }
            }
        }

        void compareTile(int level, long tileIndex, List<byte[]> expected) {
            byte[] tile = LedgerStore.tiles(c, site.id(), List.of(new Tiles.TileId(level, tileIndex)))
                    .get(new Tiles.TileId(level, tileIndex));
            for (int j = 0; j < expected.size(); j++) {
                long node = tileIndex * Tiles.WIDTH + j;
                int height = level * Tiles.HEIGHT;
                if (tile == null || (j + 1) * Merkle.HASH_SIZE > tile.length
                        || !MessageDigest.isEqual(Tiles.hashAt(tile, j), expected.get(j))) {
                    long first = node << height;
                    throw new Failure(first, null, "stored tree hash of leaves " + first + ".." + (first + (1L << height) - 1)
                            + " (tile level " + level + ", index " + tileIndex + ", entry " + j + ") differs from the recomputed tree");
                }
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
