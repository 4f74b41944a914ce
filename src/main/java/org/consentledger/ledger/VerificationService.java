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
import java.util.LinkedHashMap;
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

    /** A verification in progress on this replica: leaves verified so far of the tree size. */
    static final class Running {
        final java.time.Instant started = java.time.Instant.now();
        final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Running> running = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Registers a verification of {@code siteKey}; 409 (with the running one's progress) when one runs already. A
     * verification reads the whole log (about 25 s at 10 M leaves), so a second one at the same time only doubles load.
     */
    Running start(String siteKey) {
        Running mine = new Running();
        Running other = running.putIfAbsent(siteKey, mine);
        if (other != null) {
            long total = other.total.get();
            throw new org.consentledger.platform.ProblemException(org.consentledger.platform.Problem.of(409,
                    "verification-running", "Verification already running",
                    "A verification of " + siteKey + " has been running since " + other.started + ": " + other.done.get()
                            + " of " + total + " leaves verified" + (total > 0 ? " (" + (100 * other.done.get() / total) + " %)" : "")
                            + "; retry when it has finished"));
        }
        return mine;
    }

    void finish(String siteKey, Running mine) {
        running.remove(siteKey, mine);
    }

    public Result verify(String siteKey, BiConsumer<Long, Long> progress) {
        Running mine = start(siteKey);
        try {
            return verifyOnce(siteKey, (done, total) -> {
                mine.done.set(done);
                mine.total.set(total);
                if (progress != null) {
                    progress.accept(done, total);
                }
            });
        } finally {
            finish(siteKey, mine);
        }
    }

    private Result verifyOnce(String siteKey, BiConsumer<Long, Long> progress) {
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
            ExecutorService signatures = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ledger-verify-checkpoints");
                t.setDaemon(true);
                return t;
            });
            try {
                List<StoredCheckpoint> stored = storedCheckpoints(c, site);
                // the signatures (about 0.85 ms each with the JDK's Ed25519; a long-lived log keeps thousands) are
                // checked on their own thread while the leaves stream; a bad one is reported before anything else
                Future<Failure> badSignature = signatures.submit(() -> firstBadCheckpoint(stored, site));
                List<Cp> cps;
                try {
                    cps = checkpoints(stored, head);
                    st.cps = cps;
                    // level-0 entries below the tree size never change, so the tile connection's later snapshot shows
                    // the same leaf hashes as this one; the event stream's later snapshot is only a fast path: a row
                    // it lacks or that fails a check is read again in this connection's snapshot before it counts
                    ledger.snapshot(tileConnection -> ledger.snapshot(eventConnection -> {
                        st.verify(c, tileConnection, eventConnection, purged, progress);
                        return null;
                    }));
                } catch (Failure f) {
                    Failure signature = await(badSignature);
                    throw signature != null ? signature : f;
                }
                Failure signature = await(badSignature);
                if (signature != null) {
                    throw signature;
                }
                return new Result(siteKey, true, treeSize, treeSize - purged, purged, cps.size(), null, null, null, ms(start));
            } catch (Failure f) {
                return new Result(siteKey, false, treeSize, st.done, purged, st.cpDone, f.leaf, f.checkpoint, f.getMessage(), ms(start));
            } finally {
                signatures.shutdownNow();
            }
        });
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private record StoredCheckpoint(long size, byte[] root, String note) {
    }

    private List<StoredCheckpoint> storedCheckpoints(Connection c, LedgerStore.Site site) throws SQLException {
        List<StoredCheckpoint> stored = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, note FROM ledger_checkpoint WHERE site_id = ? ORDER BY tree_size")) {
            ps.setLong(1, site.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3)));
                }
            }
        }
        return stored;
    }

    /** The first stored checkpoint (by tree size) whose signature, format, origin or columns are wrong, or null. */
    private Failure firstBadCheckpoint(List<StoredCheckpoint> stored, LedgerStore.Site site) {
        List<NoteKeys.Verifier> verifiers = keys.verifiers();
        for (StoredCheckpoint cp : stored) {
            String problem = checkpointProblem(cp, site, verifiers);
            if (problem != null) {
                return new Failure(null, cp.size(), problem);
            }
        }
        return null;
    }

    /** The checkpoints' sizes and roots (from the columns, which the signature check compares with the notes). */
    private static List<Cp> checkpoints(List<StoredCheckpoint> stored, LedgerStore.Head head) {
        List<Cp> out = new ArrayList<>(stored.size());
        for (StoredCheckpoint cp : stored) {
            out.add(new Cp(cp.size(), cp.root()));
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

    private static String checkpointProblem(StoredCheckpoint stored, LedgerStore.Site site, List<NoteKeys.Verifier> verifiers) {
        SignedNote.Checkpoint cp;
        try {
            cp = SignedNote.parseCheckpoint(open(stored.note(), verifiers));
        } catch (RuntimeException e) {
            return "signature or format invalid: " + e.getMessage();
        }
        if (cp.size() != stored.size() || !Arrays.equals(cp.root(), stored.root())) {
            return "stored size/root columns differ from the signed note";
        }
        if (!cp.origin().endsWith("/" + site.siteKey())) {
            return "signed origin " + cp.origin() + " is not this site's log";
        }
        return null;
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

    /** A site's leaf rows from a leaf index on, in leaf order (read in chunks on the snapshot connection). */
    static final String LEAF_CHUNK = "SELECT leaf_index, event_id, erasure_id FROM ledger_leaf"
            + " WHERE site_id = ? AND leaf_index >= ? ORDER BY leaf_index LIMIT " + 65_536;

    /**
     * A site's events in id order, streamed: the sealer appends events in id order (except events that committed
     * late), so leaves and events are merged in the JVM instead of one primary-key lookup per leaf in a join.
     */
    static final String STREAM_COLUMNS = "e.id, e.consent_id, e.action, e.method, e.decisions, e.config_version, e.config_hash, "
            + "e.language, e.gpc, e.banner_hash, e.personal_commitment, UNIX_TIMESTAMP(e.recorded_at), e.visitor_id, "
            + "e.ip_truncated, e.user_agent, e.personal_salt, e.service_decisions";

    static final String EVENT_STREAM = "SELECT " + STREAM_COLUMNS
            + " FROM consent_event e WHERE e.site_id = ? AND e.id >= ? AND e.id <= ? ORDER BY e.id";

    /**
     * The same along the primary key, for a site that owns most ids of its range: one pass over the clustered
     * index (other sites' rows skipped by the server) costs half the CPU of a lookup per row through the site index.
     */
    static final String EVENT_STREAM_CLUSTERED = "SELECT " + STREAM_COLUMNS
            + " FROM consent_event e FORCE INDEX (PRIMARY) WHERE e.site_id = ? AND e.id >= ? AND e.id <= ? ORDER BY e.id";

    /** How many leaf rows are read, hashed and checked as one unit (and the JDBC fetch size). */
    static final int BATCH = 4096;

    /** The rows of one batch and, once hashed, their leaf hashes or the reason a row is bad. */
    private static final class Batch {
        final long[] leafIndex = new long[BATCH];
        final Long[] eventId = new Long[BATCH];
        final Long[] erasureId = new Long[BATCH];
        final RawEvent[] event = new RawEvent[BATCH];
        final LedgerStore.ErasureRecord[] erasure = new LedgerStore.ErasureRecord[BATCH];
        /** The event came from the event stream's snapshot (a failure is re-checked in the main snapshot). */
        final boolean[] streamed = new boolean[BATCH];
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
        final Map<Long, LedgerStore.ErasureRecord> erasures = new HashMap<>();
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
         * Reads the leaf rows in chunks (connection {@code c}), merges them with the site's events streamed in id
         * order ({@code eventConnection}) and with the stored leaf hashes (level-0 tiles, streamed on
         * {@code tileConnection}: a streamed result set occupies its connection). Worker threads recompute leaf
         * hashes batch by batch; this thread checks them in order and rebuilds the tree.
         */
        void verify(Connection c, Connection tileConnection, Connection eventConnection, long purged,
                    BiConsumer<Long, Long> progress) throws SQLException {
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
                index = leaves(c, eventConnection, stored, index, progress);
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

        long leaves(Connection c, Connection eventConnection, StoredLeafHashes stored, long index,
                    BiConsumer<Long, Long> progress) throws SQLException {
            int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "ledger-verify");
                t.setDaemon(true);
                return t;
            });
            ArrayDeque<Future<Batch>> inflight = new ArrayDeque<>();
            LeafChunks leaves = new LeafChunks(c, site.id(), index);
            EventStream events = new EventStream(eventConnection, site.id(), leaves.minEventId(), treeSize - index);
            boolean complete = false;
            try {
                while (true) {
                    Batch b = read(leaves, events, c);
                    if (b.size > 0) {
                        inflight.add(pool.submit(() -> hash(b)));
                    }
                    while (!inflight.isEmpty() && (b.size == 0 || inflight.size() > 2 * workers)) {
                        index = check(await(inflight.poll()), index, stored, c);
                        progress(progress, index);
                    }
                    if (b.size == 0) {
                        complete = true;
                        return index;
                    }
                }
            } catch (RuntimeException | SQLException e) {
                cancel(stored.ps); // closing a streamed result would otherwise read all its remaining rows
                throw e;
            } finally {
                pool.shutdownNow();
                events.close(complete);
            }
        }

        Batch read(LeafChunks leaves, EventStream events, Connection c) throws SQLException {
            Batch b = new Batch();
            while (b.size < BATCH && leaves.next()) {
                int k = b.size++;
                b.leafIndex[k] = leaves.leafIndex;
                b.eventId[k] = leaves.eventId;
                b.erasureId[k] = leaves.erasureId;
                if (leaves.eventId != null) {
                    RawEvent ev = events.take(leaves.eventId);
                    b.streamed[k] = ev != null;
                    b.event[k] = ev != null ? ev : eventRow(c, leaves.eventId);
                }
                if (leaves.erasureId != null) {
                    LedgerStore.ErasureRecord er = erasures.get(leaves.erasureId);
                    b.erasure[k] = er != null ? er : erasureRow(c, leaves.erasureId);
                }
            }
            return b;
        }

        /** Runs on a worker thread: recomputes every leaf hash of the batch (or records why a row is bad). */
        Batch hash(Batch b) {
            MessageDigest digest = Merkle.sha256();
            CanonicalJson.Writer leaf = new CanonicalJson.Writer(1024);
            CanonicalJson.Writer scratch = new CanonicalJson.Writer(512);
            LeafCodec.DecisionCache decisions = new LeafCodec.DecisionCache();
            for (int k = 0; k < b.size; k++) {
                try {
                    b.hash[k] = leafHash(b.eventId[k], b.erasureId[k], b.event[k], b.erasure[k], digest, leaf, scratch, decisions);
                } catch (RuntimeException e) {
                    b.error[k] = e.getMessage();
                }
            }
            return b;
        }

        /** Checks a hashed batch in leaf order against the stored hashes and feeds the tree; returns the next index. */
        long check(Batch b, long index, StoredLeafHashes stored, Connection c) throws SQLException {
            for (int k = 0; k < b.size; k++) {
                long li = b.leafIndex[k];
                if (li != index) {
                    throw new Failure(index, null, "leaf row is missing (next stored leaf index is " + li + ")");
                }
                if (li >= treeSize) {
                    throw new Failure(li, null, "leaf exists beyond the latest signed checkpoint (tree size " + treeSize + ")");
                }
                if (b.streamed[k] && (b.error[k] != null || !stored.matches(li, b.hash[k]))) {
                    recheck(b, k, c); // the event stream's snapshot may show a later erasure: this snapshot decides
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

        private void recheck(Batch b, int k, Connection c) throws SQLException {
            b.event[k] = eventRow(c, b.eventId[k]);
            b.error[k] = null;
            try {
                b.hash[k] = leafHash(b.eventId[k], b.erasureId[k], b.event[k], b.erasure[k], Merkle.sha256(),
                        new CanonicalJson.Writer(1024), new CanonicalJson.Writer(512), new LeafCodec.DecisionCache());
            } catch (RuntimeException e) {
                b.error[k] = e.getMessage();
            }
        }

        /** An event row read in the main snapshot (null when it does not exist). */
        RawEvent eventRow(Connection c, long id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.EVENT_COLUMNS + " FROM consent_event e WHERE e.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? RawEvent.of(LedgerStore.event(rs, 1)) : null;
                }
            }
        }

        LedgerStore.ErasureRecord erasureRow(Connection c, long id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.ERASURE_COLUMNS + " FROM ledger_erasure r WHERE r.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? LedgerStore.erasure(rs, 1) : null;
                }
            }
        }

        void progress(BiConsumer<Long, Long> progress, long index) {
            done = index;
            if (progress != null) {
                progress.accept(index, treeSize);
            }
        }

        void loadErasures(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.ERASURE_COLUMNS + " FROM ledger_erasure r WHERE r.site_id = ?")) {
                ps.setLong(1, site.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LedgerStore.ErasureRecord r = LedgerStore.erasure(rs, 1);
                        erasures.put(r.id(), r);
                        try {
                            erased.addAll(LeafCodec.stringList(r.consentIdsJson()));
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

        byte[] leafHash(Long eventId, Long erasureId, RawEvent ev, LedgerStore.ErasureRecord er, MessageDigest digest,
                        CanonicalJson.Writer leaf, CanonicalJson.Writer scratch, LeafCodec.DecisionCache decisions) {
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
                LeafCodec.writeConsentLeaf(leaf, site.siteKey(), ev.leaf(), decisions);
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

        void checkPersonal(RawEvent ev, MessageDigest digest, CanonicalJson.Writer scratch) {
            boolean wasErased = !erased.isEmpty() && erased.contains(new String(ev.leaf().consentId(), StandardCharsets.UTF_8));
            if (ev.salt() == null) {
                if (ev.visitorId() != null || ev.ipTruncated() != null || ev.userAgent() != null) {
                    throw new IllegalStateException("personal fields present without their salt");
                }
                if (!wasErased) {
                    throw new IllegalStateException("personal data removed without a recorded erasure");
                }
                return;
            }
            if (wasErased) {
                throw new IllegalStateException("personal data of an erased event is present again");
            }
            byte[] expected = PersonalCommitment.computeUtf8(digest, scratch, ev.salt(), ev.visitorId(), ev.ipTruncated(), ev.userAgent());
            if (!Arrays.equals(expected, ev.leaf().personalCommitment())) {
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

    /**
     * Stops a streamed query, so that closing its result set does not read every remaining row first (minutes on a
     * large log, during which the other stream's connection would hit the server's write timeout). Statement.cancel:
     * the driver sends KILL QUERY over a new connection to the same server as the statement's own connection (with
     * several database hosts, a KILL QUERY on a pooled connection could reach another node, "Unknown thread id").
     * A cancel that arrives after the statement finished has no effect.
     */
    static void cancel(java.sql.Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            // best effort: without it, closing reads the remaining rows
        }
    }

    /** A consent event row as the verifier reads it: text columns as the stored UTF-8 bytes. */
    record RawEvent(long id, long siteId, LeafCodec.RawConsentRow leaf, byte[] visitorId, byte[] ipTruncated,
                    byte[] userAgent, byte[] salt) {

        /** A row of {@link #EVENT_STREAM} (all rows of one site). */
        static RawEvent read(ResultSet rs, long siteId) throws SQLException {
            // columns strictly in order: the driver finds a column by walking the row from the last one read
            long id = rs.getLong(1);
            byte[] consentId = rs.getBytes(2);
            byte[] action = rs.getBytes(3);
            byte[] method = rs.getBytes(4);
            byte[] decisions = rs.getBytes(5);
            int configVersion = rs.getInt(6);
            byte[] configHash = rs.getBytes(7);
            byte[] language = rs.getBytes(8);
            boolean gpc = rs.getBoolean(9);
            byte[] bannerHash = rs.getBytes(10);
            byte[] commitment = rs.getBytes(11);
            long recordedAt = micros(rs.getString(12));
            byte[] visitorId = rs.getBytes(13);
            byte[] ip = rs.getBytes(14);
            byte[] userAgent = rs.getBytes(15);
            byte[] salt = rs.getBytes(16);
            byte[] services = rs.getBytes(17);
            LeafCodec.RawConsentRow leaf = new LeafCodec.RawConsentRow(consentId, action, method, decisions, configVersion,
                    configHash, language, gpc, bannerHash, commitment, recordedAt, services);
            return new RawEvent(id, siteId, leaf, visitorId, ip, userAgent, salt);
        }

        static RawEvent of(LedgerStore.EventRow e) {
            LeafCodec.RawConsentRow leaf = new LeafCodec.RawConsentRow(utf8(e.consentId()), utf8(e.action()), utf8(e.method()),
                    utf8(e.decisions()), e.configVersion(), utf8(e.configHash()), utf8(e.language()), e.gpc(),
                    utf8(e.bannerHash()), e.commitment(), e.recordedAtMicros(), utf8(e.services()));
            return new RawEvent(e.id(), e.siteId(), leaf, utf8(e.visitorId()), utf8(e.ipTruncated()), utf8(e.userAgent()), e.salt());
        }
    }

    /** Microseconds since the epoch from MariaDB's UNIX_TIMESTAMP text of a TIMESTAMP(6) ("1764072000.123456"). */
    static long micros(String unixSeconds) {
        if (unixSeconds == null) {
            throw new IllegalStateException("recorded_at is missing");
        }
        long seconds = 0;
        long fraction = 0;
        int fractionDigits = -1;
        for (int i = 0; i < unixSeconds.length(); i++) {
            char c = unixSeconds.charAt(i);
            if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else if (c >= '0' && c <= '9' && fractionDigits < 0 && i < 12) {
                seconds = seconds * 10 + (c - '0');
            } else if (c >= '0' && c <= '9' && fractionDigits >= 0 && fractionDigits < 6) {
                fraction = fraction * 10 + (c - '0');
                fractionDigits++;
            } else {
                throw new IllegalStateException("recorded_at is not a microsecond UNIX time: " + unixSeconds);
            }
        }
        for (int i = Math.max(fractionDigits, 0); i < 6; i++) {
            fraction *= 10;
        }
        return seconds * 1_000_000L + fraction;
    }

    /** A site's leaf rows in leaf order, read in keyset chunks (the connection stays free for point reads). */
    private static final class LeafChunks {
        private final Connection c;
        private final long siteId;
        private long nextIndex;
        private final long[] index = new long[65_536];
        private final Long[] events = new Long[65_536];
        private final Long[] erasures = new Long[65_536];
        private int size;
        private int at;
        private boolean last;

        long leafIndex;
        Long eventId;
        Long erasureId;

        LeafChunks(Connection c, long siteId, long from) throws SQLException {
            this.c = c;
            this.siteId = siteId;
            this.nextIndex = from;
            fill();
        }

        /** The smallest event id of the first chunk: where the event stream starts (earlier ones are read singly). */
        long minEventId() {
            long min = Long.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                if (events[i] != null) {
                    min = Math.min(min, events[i]);
                }
            }
            return min;
        }

        boolean next() throws SQLException {
            if (at == size) {
                if (last) {
                    return false;
                }
                fill();
                if (size == 0) {
                    return false;
                }
            }
            leafIndex = index[at];
            eventId = events[at];
            erasureId = erasures[at];
            at++;
            return true;
        }

        private void fill() throws SQLException {
            size = 0;
            at = 0;
            try (PreparedStatement ps = c.prepareStatement(LEAF_CHUNK)) {
                ps.setLong(1, siteId);
                ps.setLong(2, nextIndex);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        index[size] = rs.getLong(1);
                        long e = rs.getLong(2);
                        events[size] = rs.wasNull() ? null : e;
                        long r = rs.getLong(3);
                        erasures[size] = rs.wasNull() ? null : r;
                        size++;
                    }
                }
            }
            last = size < index.length;
            if (size > 0) {
                nextIndex = index[size - 1] + 1;
            }
        }
    }

    /**
     * A site's events streamed in id order, merged with the leaves: events read ahead of the leaf that needs them
     * (committed late, or not sealed yet) wait in a bounded map; an event not found here is read singly.
     */
    private final class EventStream {
        private static final int AHEAD_LIMIT = 100_000;
        private final PreparedStatement ps;
        private final ResultSet rs;
        private final LinkedHashMap<Long, RawEvent> ahead = new LinkedHashMap<>();
        private final long siteId;
        private long position = Long.MIN_VALUE;
        private boolean exhausted;

        EventStream(Connection c, long siteId, long fromId, long leaves) throws SQLException {
            this.siteId = siteId;
            long from = fromId == Long.MAX_VALUE ? 0 : fromId;
            long to = 0;
            try (PreparedStatement max = c.prepareStatement("SELECT MAX(id) FROM consent_event WHERE site_id = ?")) {
                max.setLong(1, siteId);
                try (ResultSet r = max.executeQuery()) {
                    if (r.next()) {
                        to = r.getLong(1);
                    }
                }
            }
            boolean dense = leaves * 4 >= to - from + 1;
            ps = c.prepareStatement(dense ? EVENT_STREAM_CLUSTERED : EVENT_STREAM, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(BATCH);
            ps.setLong(1, siteId);
            ps.setLong(2, from);
            ps.setLong(3, to);
            rs = ps.executeQuery();
        }

        /** The event with this id if the stream has it, else null. */
        RawEvent take(long id) throws SQLException {
            RawEvent e = ahead.remove(id);
            if (e != null) {
                return e;
            }
            while (!exhausted && position < id) {
                if (!rs.next()) {
                    exhausted = true;
                    break;
                }
                e = RawEvent.read(rs, siteId);
                position = e.id();
                if (position == id) {
                    return e;
                }
                ahead.put(position, e);
                if (ahead.size() > AHEAD_LIMIT) {
                    ahead.remove(ahead.keySet().iterator().next());
                }
            }
            return null;
        }

        void close(boolean complete) throws SQLException {
            if (!exhausted) {
                cancel(ps); // the site's later (unsealed) events would otherwise be read to the end
            }
            try {
                rs.close();
                ps.close();
            } catch (SQLException e) {
                if (complete && exhausted) {
                    throw e;
                }
                // the query was cancelled on purpose
            }
        }
    }

    /** The stored leaf hashes (level-0 tiles), streamed in leaf order. */
    private static final class StoredLeafHashes {
        final PreparedStatement ps;
        private final ResultSet rs;
        private long tileIndex = -1;
        private byte[] tile;
        private boolean exhausted;


        StoredLeafHashes(Connection c, long siteId) throws SQLException {
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
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
