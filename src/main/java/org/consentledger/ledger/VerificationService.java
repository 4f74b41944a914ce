package org.consentledger.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.consentledger.platform.CanonicalJson;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Recomputes a site's log from the stored rows in one consistent snapshot: every leaf from its event
 * (or erasure) row, the commitment of every row that still has its personal fields, every stored tree
 * hash (tiles), every checkpoint signature and root. Stops at the first problem and names it.
 */
@ApplicationScoped
public class VerificationService {

    @Inject
    LedgerService ledger;
    @Inject
    LedgerKeys keys;
    @Inject
    javax.sql.DataSource dataSource;

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
                // level-0 entries below the tree size never change, so the second connection's later snapshot
                // shows the same leaf hashes as this one
                ledger.snapshot(tileConnection -> {
                    st.verify(c, tileConnection, purged, progress);
                    return null;
                });
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

    /** A site's leaf rows from a leaf index on, with the event or erasure row each one stands for. */
    static final String LEAF_ROWS = "SELECT l.leaf_index, l.event_id, l.erasure_id, "
            + LedgerStore.EVENT_COLUMNS + ", " + LedgerStore.ERASURE_COLUMNS
            + " FROM ledger_leaf l LEFT JOIN consent_event e ON e.id = l.event_id"
            + " LEFT JOIN ledger_erasure r ON r.id = l.erasure_id"
            + " WHERE l.site_id = ? AND l.leaf_index >= ? ORDER BY l.leaf_index";

    /** How many leaf rows are read, hashed and checked as one unit (and the JDBC fetch size). */
    static final int BATCH = 4096;

    /** The rows of one batch and, once hashed, their leaf hashes or the reason a row is bad. */
    private static final class Batch {
        final long[] leafIndex = new long[BATCH];
        final Long[] eventId = new Long[BATCH];
        final Long[] erasureId = new Long[BATCH];
        final LedgerStore.EventRow[] event = new LedgerStore.EventRow[BATCH];
        final LedgerStore.ErasureRecord[] erasure = new LedgerStore.ErasureRecord[BATCH];
        final byte[][] hash = new byte[BATCH][];
        final String[] error = new String[BATCH];
        int size;
    }

    private final class State {
        final LedgerStore.Site site;
        final long treeSize;
        List<Cp> cps;
        int cpDone;
        long done;
        final Set<String> erased = new HashSet<>();
        final Map<Tiles.TileId, byte[]> upperTiles = new HashMap<>();
        final MessageDigest sha = Merkle.sha256();
        // the tree's right edge: one perfect-subtree root per set bit of size (RFC 9162 compact range)
        final byte[][] edge = new byte[64][];
        int edgeTop;
        long size;

        State(LedgerStore.Site site, long treeSize) {
            this.site = site;
            this.treeSize = treeSize;
        }

        /**
         * Streams the leaf rows (one query, connection {@code c}) and the stored leaf hashes (level-0 tiles, one
         * query on {@code tileConnection}: a streamed result set occupies its connection) in leaf order. Worker
         * threads recompute leaf hashes batch by batch; this thread checks them in order and rebuilds the tree.
         */
        void verify(Connection c, Connection tileConnection, long purged, BiConsumer<Long, Long> progress) throws SQLException {
            loadErasures(c);
            loadUpperTiles(c);
            StoredLeafHashes stored = new StoredLeafHashes(tileConnection, site.id());
            boolean complete = false;
            try {
                long index = 0;
                // purged prefix: hashes only (bound by the signed checkpoints)
                while (index < purged) {
                    byte[] h = stored.hash(index);
                    if (h == null) {
                        throw new Failure(index, null, "hash of purged leaf missing from the stored tree");
                    }
                    accept(h);
                    index++;
                    if (index % BATCH == 0) {
                        progress(progress, index);
                    }
                }
                progress(progress, index);
                index = leaves(c, stored, index, progress);
                if (index < treeSize) {
                    throw new Failure(index, null, "leaf row is missing (log has " + treeSize + " leaves)");
                }
                complete = true;
            } finally {
                stored.close(complete);
            }
            if (cpDone < cps.size()) {
                throw new Failure(null, cps.get(cpDone).size(), "checkpoint is beyond the log's leaves");
            }
        }

        long leaves(Connection c, StoredLeafHashes stored, long index, BiConsumer<Long, Long> progress) throws SQLException {
            long leafSession = connectionId(c);
            int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "ledger-verify");
                t.setDaemon(true);
                return t;
            });
            ArrayDeque<Future<Batch>> inflight = new ArrayDeque<>();
            try (PreparedStatement ps = c.prepareStatement(LEAF_ROWS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(BATCH); // MariaDB Connector/J streams the result instead of buffering all rows
                ps.setLong(1, site.id());
                ps.setLong(2, index);
                try (ResultSet rs = ps.executeQuery()) {
                    try {
                        while (true) {
                            Batch b = read(rs);
                            if (b.size > 0) {
                                inflight.add(pool.submit(() -> hash(b)));
                            }
                            while (!inflight.isEmpty() && (b.size == 0 || inflight.size() > 2 * workers)) {
                                index = check(await(inflight.poll()), index, stored);
                                progress(progress, index);
                            }
                            if (b.size == 0) {
                                return index;
                            }
                        }
                    } catch (RuntimeException | SQLException e) {
                        killQuery(leafSession); // closing a streamed result would otherwise read all its remaining rows
                        killQuery(stored.session);
                        throw e;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private Batch await(Future<Batch> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("verification interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        Batch read(ResultSet rs) throws SQLException {
            Batch b = new Batch();
            int eo = 4 + LedgerStore.EVENT_COLUMN_COUNT;
            while (b.size < BATCH && rs.next()) {
                int k = b.size++;
                b.leafIndex[k] = rs.getLong(1);
                long eventId = rs.getLong(2);
                b.eventId[k] = rs.wasNull() ? null : eventId;
                long erasureId = rs.getLong(3);
                b.erasureId[k] = rs.wasNull() ? null : erasureId;
                rs.getLong(4);
                b.event[k] = rs.wasNull() ? null : LedgerStore.event(rs, 4);
                rs.getLong(eo);
                b.erasure[k] = rs.wasNull() ? null : LedgerStore.erasure(rs, eo);
            }
            return b;
        }

        /** Runs on a worker thread: recomputes every leaf hash of the batch (or records why a row is bad). */
        Batch hash(Batch b) {
            MessageDigest digest = Merkle.sha256();
            CanonicalJson.Writer leaf = new CanonicalJson.Writer(1024);
            CanonicalJson.Writer scratch = new CanonicalJson.Writer(512);
            for (int k = 0; k < b.size; k++) {
                try {
                    b.hash[k] = leafHash(b, k, digest, leaf, scratch);
                } catch (RuntimeException e) {
                    b.error[k] = e.getMessage();
                }
            }
            return b;
        }

        /** Checks a hashed batch in leaf order against the stored hashes and feeds the tree; returns the next index. */
        long check(Batch b, long index, StoredLeafHashes stored) throws SQLException {
            for (int k = 0; k < b.size; k++) {
                long li = b.leafIndex[k];
                if (li != index) {
                    throw new Failure(index, null, "leaf row is missing (next stored leaf index is " + li + ")");
                }
                if (li >= treeSize) {
                    throw new Failure(li, null, "leaf exists beyond the latest signed checkpoint (tree size " + treeSize + ")");
                }
                if (b.error[k] != null) {
                    throw new Failure(li, null, b.error[k]);
                }
                if (!stored.matches(li, b.hash[k])) {
                    throw new Failure(li, null, "leaf recomputed from the stored row differs from the sealed tree hash "
                            + "(row changed, swapped or replaced, or the stored hash was edited)");
                }
                accept(b.hash[k]);
                index++;
            }
            return index;
        }

        void progress(BiConsumer<Long, Long> progress, long index) {
            done = index;
            if (progress != null) {
                progress.accept(index, treeSize);
            }
        }

        void loadErasures(Connection c) throws SQLException {
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

        /** Tiles above level 0 (1/256 of the leaf hashes: about 1.2 MB for 10 million leaves). */
        void loadUpperTiles(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT level, tile_index, hashes FROM ledger_tile WHERE site_id = ? AND level > 0")) {
                ps.setLong(1, site.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        upperTiles.put(new Tiles.TileId(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                    }
                }
            }
        }

        byte[] leafHash(Batch b, int k, MessageDigest digest, CanonicalJson.Writer leaf, CanonicalJson.Writer scratch) {
            Long eventId = b.eventId[k];
            Long erasureId = b.erasureId[k];
            LedgerStore.EventRow ev = b.event[k];
            LedgerStore.ErasureRecord er = b.erasure[k];
            if ((eventId == null) == (erasureId == null)) {
                throw new IllegalStateException("leaf row must reference exactly one event or erasure");
            }
            if (eventId != null) {
                if (ev == null) {
                    throw new IllegalStateException("consent event row " + eventId + " was deleted");
                }
                if (ev.siteId() != site.id()) {
                    throw new IllegalStateException("consent event row " + eventId + " belongs to another site");
                }
                checkPersonal(ev, digest, scratch);
                leaf.reset();
                LeafCodec.writeConsentLeaf(leaf, ev.leafRow(site.siteKey()));
                digest.reset();
                digest.update(Merkle.LEAF_HASH_PREFIX);
                digest.update(leaf.buffer(), 0, leaf.length());
                return digest.digest();
            }
            if (er == null) {
                throw new IllegalStateException("erasure record " + erasureId + " was deleted");
            }
            if (er.siteId() != site.id()) {
                throw new IllegalStateException("erasure record " + erasureId + " belongs to another site");
            }
            return Merkle.leafHash(digest, LeafCodec.erasureLeaf(er.leafRow(site.siteKey())));
        }

        void checkPersonal(LedgerStore.EventRow ev, MessageDigest digest, CanonicalJson.Writer scratch) {
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
            byte[] expected = PersonalCommitment.compute(digest, scratch, ev.salt(), ev.visitorId(), ev.ipTruncated(), ev.userAgent());
            if (!MessageDigest.isEqual(expected, ev.commitment())) {
                throw new IllegalStateException("visitor id, truncated IP or user agent differ from the sealed commitment");
            }
        }

        /**
         * Appends a verified leaf hash to the compact range, compares every completed subtree at a tile
         * boundary (height 8, 16, ...) with its stored interior hash, and checks the signed root of every
         * checkpoint whose size is reached.
         */
        void accept(byte[] leafHash) {
            byte[] h = leafHash;
            int height = 0;
            for (long s = size; (s & 1) == 1; s >>= 1) {
                h = Merkle.nodeHash(sha, edge[--edgeTop], h);
                height++;
                if (height % Tiles.HEIGHT == 0) {
                    compareInterior(height / Tiles.HEIGHT, ((size + 1) >> height) - 1, h);
                }
            }
            edge[edgeTop++] = h;
            size++;
            while (cpDone < cps.size() && cps.get(cpDone).size() == size) {
                if (!MessageDigest.isEqual(root(), cps.get(cpDone).root())) {
                    throw new Failure(null, cps.get(cpDone).size(),
                            "signed root differs from the tree recomputed from the rows: the log before this size was rewritten");
                }
                cpDone++;
            }
        }

        byte[] root() {
            byte[] r = edge[edgeTop - 1];
            for (int i = edgeTop - 2; i >= 0; i--) {
                r = Merkle.nodeHash(sha, edge[i], r);
            }
            return r;
        }

        void compareInterior(int level, long node, byte[] expected) {
            long tileIndex = node >> Tiles.HEIGHT;
            int entry = (int) (node & (Tiles.WIDTH - 1));
            byte[] tile = upperTiles.get(new Tiles.TileId(level, tileIndex));
            if (tile == null || (entry + 1) * Merkle.HASH_SIZE > tile.length
                    || !Arrays.equals(tile, entry * Merkle.HASH_SIZE, (entry + 1) * Merkle.HASH_SIZE, expected, 0, Merkle.HASH_SIZE)) {
                int height = level * Tiles.HEIGHT;
                long first = node << height;
                throw new Failure(first, null, "stored tree hash of leaves " + first + ".." + (first + (1L << height) - 1)
                        + " (tile level " + level + ", index " + tileIndex + ", entry " + entry + ") differs from the recomputed tree");
            }
        }
    }

    /** MariaDB's id of the session behind a connection (for {@link #killQuery}). */
    static long connectionId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CONNECTION_ID()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Stops a streamed query from another connection, so that closing its result set does not read every remaining
     * row first (minutes on a large log, during which the other stream's connection would hit the server's write
     * timeout). A KILL QUERY that arrives after the statement finished has no effect on the session.
     */
    void killQuery(long connectionId) {
        try (Connection k = dataSource.getConnection(); java.sql.Statement s = k.createStatement()) {
            s.execute("KILL QUERY " + connectionId);
        } catch (SQLException e) {
            // best effort: without it, closing reads the remaining rows
        }
    }

    /** The stored leaf hashes (level-0 tiles), streamed in leaf order. */
    private static final class StoredLeafHashes {
        private final PreparedStatement ps;
        private final ResultSet rs;
        private long tileIndex = -1;
        private byte[] tile;
        private boolean exhausted;

        final long session;

        StoredLeafHashes(Connection c, long siteId) throws SQLException {
            session = connectionId(c);
            ps = c.prepareStatement("SELECT tile_index, hashes FROM ledger_tile WHERE site_id = ? AND level = 0 ORDER BY tile_index",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(64);
            ps.setLong(1, siteId);
            rs = ps.executeQuery();
        }

        /** Offset of leaf {@code i}'s hash in the current tile, or -1 if it is not stored. Leaves are asked in order. */
        private int offset(long i) throws SQLException {
            long t = i >> Tiles.HEIGHT;
            while (!exhausted && tileIndex < t) {
                if (rs.next()) {
                    tileIndex = rs.getLong(1);
                    tile = rs.getBytes(2);
                } else {
                    exhausted = true;
                }
            }
            int off = (int) (i & (Tiles.WIDTH - 1)) * Merkle.HASH_SIZE;
            return tileIndex == t && off + Merkle.HASH_SIZE <= tile.length ? off : -1;
        }

        byte[] hash(long i) throws SQLException {
            int off = offset(i);
            return off < 0 ? null : Arrays.copyOfRange(tile, off, off + Merkle.HASH_SIZE);
        }

        boolean matches(long i, byte[] hash) throws SQLException {
            int off = offset(i);
            return off >= 0 && Arrays.equals(tile, off, off + Merkle.HASH_SIZE, hash, 0, Merkle.HASH_SIZE);
        }

        /** After a failure the query has been killed: errors from closing it are secondary to that failure. */
        void close(boolean complete) throws SQLException {
            if (complete) {
                try {
                    rs.close();
                } finally {
                    ps.close();
                }
                return;
            }
            try {
                rs.close();
                ps.close();
            } catch (SQLException e) {
                // the query was cancelled; the failure that led here is what the caller reports
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
