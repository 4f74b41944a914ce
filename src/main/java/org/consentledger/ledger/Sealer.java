package org.consentledger.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.consentledger.consent.ConsentsCommitted;
import org.consentledger.platform.Conflicts;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Appends committed consent events (and recorded erasures) to each site's Merkle log and signs a
 * checkpoint, one transaction per site and batch. A sealing thread runs passes over recent events, woken
 * by this instance's commits; a rescan thread looks for late commits (docs/LEDGER.md "Sealing and
 * concurrency"). One instance at a time seals a site: it holds the site's lease (ledger_seal_lease), a row
 * committed through the database (so also across Galera nodes, where row locks are local to a node); the
 * sealing and the rescan thread of that instance serialise on the site's ledger_head row
 * ({@code SELECT ... FOR UPDATE SKIP LOCKED}); ingest never takes either. A write conflict (deadlock, lost
 * Galera certification) is normal: the site is skipped in that pass, logged at DEBUG.
 * Unsealed events are found by anti-join (events commit out of id order), above a low-water mark below
 * which everything is known to be sealed.
 */
@ApplicationScoped
public class Sealer {

    private static final Logger LOG = Logger.getLogger(Sealer.class);

    @Inject
    DataSource dataSource;
    @Inject
    LedgerKeys keys;
    @Inject
    LedgerConfig config;

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private ScheduledExecutorService rescanner;
    private int failuresInARow;
    /** This process as a lease owner. */
    private final String owner = UUID.randomUUID().toString();
    /** Per site: until when (System.nanoTime) this instance's lease needs no renewal. */
    private final Map<Long, Long> leased = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        if (!config.sealerEnabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "ledger-sealer");
        thread.setDaemon(true);
        thread.start();
        // the full scans run on their own thread: under heavy ingest one takes long enough that, in the sealing
        // thread, it would hold up the recent events behind it
        rescanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-rescan");
            t.setDaemon(true);
            return t;
        });
        long every = config.sealRescanInterval().toMillis();
        rescanner.scheduleWithFixedDelay(this::rescan, 0, every, TimeUnit.MILLISECONDS);
    }

    private void rescan() {
        try {
            sealAll(Scope.RESCAN);
        } catch (RuntimeException e) {
            if (!running || String.valueOf(e.getMessage()).contains("pool is closed")) {
                LOG.debug("Rescan skipped during shutdown");
            } else if (Conflicts.isConflict(e)) {
                LOG.debugf("Sealing rescan conflicted with another transaction; next rescan: %s", e.getMessage());
            } else {
                LOG.warn("Sealing rescan failed; will retry", e);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (rescanner != null) {
            rescanner.shutdownNow();
        }
        if (thread != null) {
            wake();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLeases();
    }

    /** Hands this instance's sealing leases back, so another instance takes the sites over at once. */
    private void releaseLeases() {
        if (leased.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM ledger_seal_lease WHERE owner = ?")) {
            c.setAutoCommit(true);
            ps.setString(1, owner);
            ps.executeUpdate();
            leased.clear();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Sealing leases not released (they expire): %s", e.getMessage());
        }
    }

    /** Committed consents of this instance start a sealing pass at once instead of at the next idle poll. */
    void onCommitted(@Observes ConsentsCommitted committed) {
        wake();
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /**
     * Seals continuously: a pass right after a wake-up, passes back to back (with a short pause that bounds the
     * checkpoints per site to a few per second) while there is work, an idle poll for other instances' events.
     */
    private void loop() {
        while (running) {
            long pause;
            try {
                pause = sealAll(Scope.RECENT) > 0 ? config.sealPause().toMillis() : -1;
                failuresInARow = 0;
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    // a write conflict is no outage: nothing was written, the next pass (after the usual pause) retries
                    LOG.debugf("Sealing pass conflicted with another transaction: %s", e.getMessage());
                    pause = config.sealPause().toMillis();
                } else {
                    if (!running || String.valueOf(e.getMessage()).contains("pool is closed")) {
                        LOG.debug("Sealing skipped during shutdown");
                    } else if (failuresInARow == 0) {
                        LOG.warn("Sealing failed; retrying with back-off until the database answers again", e);
                    } else {
                        LOG.debugf("Sealing failed again (%d in a row): %s", failuresInARow + 1, e.getMessage());
                    }
                    // a database outage: 0.5, 1, 2, 4, 5, 5 ... s between attempts
                    pause = Math.min(5_000, config.sealInterval().toMillis() << Math.min(failuresInARow++, 4));
                }
            }
            try {
                if (pause >= 0) {
                    Thread.sleep(pause);
                } else {
                    awaitWake(config.sealInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitWake(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!woken && running) {
                signal.wait(millis);
            }
            woken = false;
        }
    }

    /** Seals every site until nothing is left; returns the number of leaves appended. */
    public int sealAll() {
        return sealAll(Scope.ALL);
    }

    /** What a sealing pass looks at. */
    enum Scope {
        /** Events recorded in the last {@code seal-recent-seconds} (through the time index): the continuous passes. */
        RECENT,
        /**
         * A lock-free check for unsealed events above the low-water mark that are older than that (committed late);
         * only if there are any, an {@link #ALL} pass; otherwise the mark is moved up.
         */
        RESCAN,
        /** Everything above the low-water mark (and the mark moved up). */
        ALL
    }

    int sealAll(Scope scope) {
        List<LedgerStore.Site> sites;
        try (Connection c = dataSource.getConnection()) {
            sites = scope == Scope.RECENT ? activeSites(c) : LedgerStore.sites(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        int total = 0;
        for (LedgerStore.Site site : sites) {
            int locked = 0;
            while (true) {
                int n;
                try {
                    n = sealSiteOrLocked(site, scope);
                } catch (RuntimeException e) {
                    if (!Conflicts.isConflict(e)) {
                        throw e;
                    }
                    // another node committed a conflicting write first: nothing was written, the next pass retries
                    LOG.debugf("Sealing site %s conflicted with another transaction; next pass", site.siteKey());
                    break;
                }
                if (n == NOT_OWNER) {
                    break; // another instance holds the site's lease and seals it
                }
                if (n == LOCKED) {
                    if (scope == Scope.RECENT || ++locked > 40) {
                        break; // a recent pass comes back soon; a rescan waits up to a second for the site
                    }
                    sleepQuietly(25);
                    continue;
                }
                total += n;
                if (n < config.sealBatch()) {
                    break;
                }
            }
        }
        return total;
    }

    /**
     * The sites a recent pass has to look at: those with events recorded in the recent window, or with an erasure not
     * sealed yet. One statement (an index probe per site) instead of a sealing transaction per site, which keeps
     * frequent passes cheap on an installation with many idle sites.
     */
    private List<LedgerStore.Site> activeSites(Connection c) throws SQLException {
        List<LedgerStore.Site> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.site_key, s.retention_days FROM site s WHERE "
                + "EXISTS (SELECT 1 FROM consent_event e FORCE INDEX (ix_consent_time) WHERE e.site_id = s.id "
                + "AND e.recorded_at >= NOW(6) - INTERVAL " + config.sealRecentSeconds() + " SECOND) "
                + "OR EXISTS (SELECT 1 FROM ledger_erasure r LEFT JOIN ledger_leaf l ON l.erasure_id = r.id "
                + "WHERE r.site_id = s.id AND l.erasure_id IS NULL) ORDER BY s.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LedgerStore.Site(rs.getLong(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return out;
    }

    /** One sealing transaction for one site; 0 when nothing was unsealed or another instance holds the site. */
    public int sealSite(LedgerStore.Site site) {
        return Math.max(0, sealSiteOrLocked(site, Scope.ALL));
    }

    private static final int LOCKED = -1;
    private static final int NOT_OWNER = -2;

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One sealing transaction; {@link #LOCKED} when another sealer holds the site. */
    private int sealSiteOrLocked(LedgerStore.Site site, Scope scope) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            // INSERT IGNORE on an existing row waits for the row lock of a sealer holding it; a plain read does not
            if (LedgerStore.head(c, site.id(), "") == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT IGNORE INTO ledger_head (site_id, tree_size, root_hash, updated_at) VALUES (?, 0, ?, ?)")) {
                    ps.setLong(1, site.id());
                    ps.setBytes(2, Merkle.emptyRoot());
                    ps.setTimestamp(3, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                }
            }
            if (!holdsLease(c, site)) {
                return NOT_OWNER;
            }
            if (scope == Scope.RESCAN) {
                long lowWater = LedgerStore.head(c, site.id(), "").lowWater();
                if (!hasLateUnsealed(c, site, lowWater)) {
                    advanceLowWater(c, site, lowWater); // outside the sealing lock: the update only ever raises it
                    return 0;
                }
            }
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            try {
                int n = sealLocked(c, site, scope != Scope.RECENT);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                if (!c.isClosed()) { // a closed connection (socket timeout) would hide the original error
                    c.rollback();
                }
                throw e;
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sealing site " + site.siteKey() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether this instance holds (or just took or renewed) the site's sealing lease. The lease is taken by a
     * committed write, so two instances on different Galera nodes cannot both hold it: the later one either sees
     * the row held or fails certification, which here simply means it lost the race (DEBUG, not a failure).
     */
    private boolean holdsLease(Connection c, LedgerStore.Site site) throws SQLException {
        Long until = leased.get(site.id());
        if (until != null && System.nanoTime() < until) {
            return true;
        }
        long seconds = Math.max(1, config.sealLease().toSeconds());
        long start = System.nanoTime();
        boolean held;
        try {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_seal_lease SET owner = ?, "
                    + "expires_at = NOW(6) + INTERVAL ? SECOND WHERE site_id = ? AND (owner = ? OR expires_at < NOW(6))")) {
                ps.setString(1, owner);
                ps.setLong(2, seconds);
                ps.setLong(3, site.id());
                ps.setString(4, owner);
                held = ps.executeUpdate() == 1;
            }
            if (!held) {
                try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO ledger_seal_lease (site_id, owner, expires_at) "
                        + "VALUES (?, ?, NOW(6) + INTERVAL ? SECOND)")) {
                    ps.setLong(1, site.id());
                    ps.setString(2, owner);
                    ps.setLong(3, seconds);
                    held = ps.executeUpdate() == 1;
                }
            }
        } catch (SQLException e) {
            if (!Conflicts.isConflict(e)) {
                throw e;
            }
            held = false;
        }
        if (held) {
            // renewed at half the lease, so it never runs out while this instance keeps sealing
            leased.put(site.id(), start + config.sealLease().toNanos() / 2);
        } else {
            leased.remove(site.id());
            LOG.debugf("Site %s is sealed by another instance (lease held)", site.siteKey());
        }
        return held;
    }

    private int sealLocked(Connection c, LedgerStore.Site site, boolean full) throws SQLException {
        LedgerStore.Head head = LedgerStore.head(c, site.id(), " FOR UPDATE SKIP LOCKED");
        if (head == null) {
            return LOCKED; // another instance (or this one's other sealing thread) is sealing this site right now
        }
        // a full scan covers everything above the low-water mark (at least the ingest grace period); a recent scan
        // only the last seconds through the time index, which is what keeps a pass cheap under heavy ingest
        List<LedgerStore.EventRow> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.EVENT_COLUMNS
                + (full ? " FROM consent_event e" : " FROM consent_event e FORCE INDEX (ix_consent_time)")
                + " LEFT JOIN ledger_leaf l ON l.event_id = e.id WHERE e.site_id = ? AND e.id > ? AND l.event_id IS NULL"
                + (full ? "" : " AND e.recorded_at >= NOW(6) - INTERVAL " + config.sealRecentSeconds() + " SECOND")
                + " ORDER BY e.id LIMIT ?")) {
            ps.setLong(1, site.id());
            ps.setLong(2, head.lowWater());
            ps.setInt(3, config.sealBatch());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(LedgerStore.event(rs, 1));
                }
            }
        }

        List<LedgerStore.ErasureRecord> erasures = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.ERASURE_COLUMNS
                + " FROM ledger_erasure r LEFT JOIN ledger_leaf l ON l.erasure_id = r.id"
                + " WHERE r.site_id = ? AND l.erasure_id IS NULL ORDER BY r.id")) {
            ps.setLong(1, site.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    erasures.add(LedgerStore.erasure(rs, 1));
                }
            }
        }
        if (events.isEmpty() && erasures.isEmpty()) {
            if (full) {
                advanceLowWater(c, site, head.lowWater());
            }
            return 0;
        }
        long size = head.treeSize();
        List<byte[]> hashes = new ArrayList<>(events.size() + erasures.size());
        MessageDigest sha = Merkle.sha256();
        Timestamp now = Timestamp.from(Instant.now());
        List<long[]> rows = new ArrayList<>(events.size() + erasures.size()); // {event id or -1, erasure id or -1}
        for (LedgerStore.EventRow e : events) {
            byte[] leaf;
            try {
                leaf = LeafCodec.consentLeaf(e.leafRow(site.siteKey()));
            } catch (RuntimeException ex) {
                // a malformed row must not block the log forever: skip it loudly, verification reports it unsealed
                LOG.errorf("Consent event %d of site %s cannot be encoded as a leaf (%s); not sealed",
                        e.id(), site.siteKey(), ex.getMessage());
                continue;
            }
            hashes.add(Merkle.leafHash(sha, leaf));
            rows.add(new long[]{e.id(), -1});
        }
        for (LedgerStore.ErasureRecord r : erasures) {
            hashes.add(Merkle.leafHash(sha, LeafCodec.erasureLeaf(r.leafRow(site.siteKey()))));
            rows.add(new long[]{-1, r.id()});
        }
        if (hashes.isEmpty()) {
            return 0;
        }
        insertLeaves(c, site.id(), size, rows, now);
        long newSize = size + hashes.size();
        Map<Tiles.TileId, byte[]> changed = Tiles.append(size, hashes,
                id -> LedgerStore.tiles(c, site.id(), List.of(id)).getOrDefault(id, new byte[0]));
        try (PreparedStatement up = c.prepareStatement("INSERT INTO ledger_tile (site_id, level, tile_index, hashes) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE hashes = VALUES(hashes)")) {
            for (Map.Entry<Tiles.TileId, byte[]> t : changed.entrySet()) {
                up.setLong(1, site.id());
                up.setInt(2, t.getKey().level());
                up.setLong(3, t.getKey().index());
                up.setBytes(4, t.getValue());
                up.addBatch();
            }
            up.executeBatch();
        }
        byte[] root = Merkle.root(newSize, Tiles.reader(ids -> {
            Map<Tiles.TileId, byte[]> out = new HashMap<>();
            List<Tiles.TileId> missing = new ArrayList<>();
            for (Tiles.TileId id : ids) {
                if (changed.containsKey(id)) {
                    out.put(id, changed.get(id));
                } else {
                    missing.add(id);
                }
            }
            out.putAll(LedgerStore.tiles(c, site.id(), missing));
            return out;
        }));
        String note = SignedNote.sign(new SignedNote.Checkpoint(keys.origin(site.siteKey()), newSize, root).text(), keys.signer());
        long checkpointId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_checkpoint (site_id, tree_size, root_hash, note, key_vkey, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, site.id());
            ps.setLong(2, newSize);
            ps.setBytes(3, root);
            ps.setString(4, note);
            ps.setString(5, keys.signer().vkey());
            ps.setTimestamp(6, now);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                checkpointId = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_head SET tree_size = ?, root_hash = ?, checkpoint_id = ?, updated_at = ? WHERE site_id = ?")) {
            ps.setLong(1, newSize);
            ps.setBytes(2, root);
            ps.setLong(3, checkpointId);
            ps.setTimestamp(4, now);
            ps.setLong(5, site.id());
            ps.executeUpdate();
        }
        if (full) {
            advanceLowWater(c, site, head.lowWater());
        }
        LOG.debugf("Sealed %s leaves of site %s, tree size %s", (Object) hashes.size(), site.siteKey(), newSize);
        return hashes.size();
    }

    /**
     * Whether an event above the low-water mark and below the recent window is still unsealed (it committed later than
     * the recent passes looked). Index-only: the window's boundary as an id from the time index, then the anti-join
     * over the site's id index, so it reads no event rows.
     */
    private boolean hasLateUnsealed(Connection c, LedgerStore.Site site, long lowWater) throws SQLException {
        long boundary = Long.MAX_VALUE;
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id FROM consent_event e FORCE INDEX (ix_consent_time) "
                + "WHERE e.site_id = ? AND e.recorded_at >= NOW(6) - INTERVAL " + config.sealRecentSeconds() + " SECOND "
                + "ORDER BY e.recorded_at LIMIT 1")) {
            ps.setLong(1, site.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    boundary = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id FROM consent_event e FORCE INDEX (ix_consent_site_id) "
                + "LEFT JOIN ledger_leaf l ON l.event_id = e.id WHERE e.site_id = ? AND e.id > ? AND e.id < ? "
                + "AND l.event_id IS NULL LIMIT 1")) {
            ps.setLong(1, site.id());
            ps.setLong(2, lowWater);
            ps.setLong(3, boundary);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Moves the low-water mark up to the newest event that is older than the ingest grace period and
     * below the oldest still-unsealed event, so later anti-joins only scan recent rows.
     */
    private void advanceLowWater(Connection c, LedgerStore.Site site, long lowWater) throws SQLException {
        Long candidate = null;
        // the newest event (by time, through the time index) older than the grace period: a transaction that could
        // still commit an id below it would have been open for longer than the grace period allows
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id FROM consent_event e FORCE INDEX (ix_consent_time) "
                + "WHERE e.site_id = ? AND e.id > ? AND e.recorded_at < NOW(6) - INTERVAL ? SECOND "
                + "ORDER BY e.recorded_at DESC LIMIT 1")) {
            ps.setLong(1, site.id());
            ps.setLong(2, lowWater);
            ps.setInt(3, config.ingestGraceSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    candidate = rs.wasNull() ? null : v;
                }
            }
        }
        if (candidate == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id FROM consent_event e LEFT JOIN ledger_leaf l ON l.event_id = e.id "
                + "WHERE e.site_id = ? AND e.id > ? AND e.id <= ? AND l.event_id IS NULL ORDER BY e.id LIMIT 1")) {
            ps.setLong(1, site.id());
            ps.setLong(2, lowWater);
            ps.setLong(3, candidate);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    if (!rs.wasNull()) {
                        candidate = v - 1;
                    }
                }
            }
        }
        if (candidate > lowWater) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_head SET sealed_low_water = GREATEST(sealed_low_water, ?) WHERE site_id = ?")) {
                ps.setLong(1, candidate);
                ps.setLong(2, site.id());
                ps.executeUpdate();
            }
        }
    }

    /** The leaf rows in multi-row INSERTs (one statement per 1,000 rows instead of one per row). */
    private static void insertLeaves(Connection c, long siteId, long firstIndex, List<long[]> rows, Timestamp sealedAt) throws SQLException {
        final int chunk = 1000;
        for (int from = 0; from < rows.size(); from += chunk) {
            int n = Math.min(chunk, rows.size() - from);
            StringBuilder sql = new StringBuilder("INSERT INTO ledger_leaf (site_id, leaf_index, event_id, erasure_id, sealed_at) VALUES ");
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
            }
            try (PreparedStatement ins = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (int i = 0; i < n; i++) {
                    long[] row = rows.get(from + i);
                    ins.setLong(p++, siteId);
                    ins.setLong(p++, firstIndex + from + i);
                    if (row[0] >= 0) {
                        ins.setLong(p++, row[0]);
                    } else {
                        ins.setNull(p++, java.sql.Types.BIGINT);
                    }
                    if (row[1] >= 0) {
                        ins.setLong(p++, row[1]);
                    } else {
                        ins.setNull(p++, java.sql.Types.BIGINT);
                    }
                    ins.setTimestamp(p++, sealedAt);
                }
                ins.executeUpdate();
            }
        }
    }
}
