package org.consentledger.ledger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.platform.Conflicts;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Purges events older than the site's retention in whole, as a prefix of the log: the leaves
 * [purged_below, p) where p is the first sealed leaf whose row is not yet expired. The leaf rows and
 * event/erasure rows go; the tree hashes (tiles) and every checkpoint stay, so the remaining leaves and
 * all checkpoints still verify, and the purged prefix is checked by hash against the signed roots. The prefix
 * goes in chunks of {@code consent.ledger.retention-chunk} leaves, one transaction each (write conflicts retried).
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    DataSource dataSource;
    @Inject
    LedgerConfig config;

    @Scheduled(every = "${consent.ledger.retention-interval:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "ledger-retention")
    void scheduled() {
        if (!config.retentionEnabled()) {
            return;
        }
        try {
            purgeAll();
        } catch (RuntimeException e) {
            LOG.warn("Retention purge failed; will retry", e);
        }
    }

    public long purgeAll() {
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            for (LedgerStore.Site site : LedgerStore.sites(c)) {
                if (site.retentionDays() > 0) {
                    total += purgeSite(c, site);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    /*
     * Leaves purged per transaction: consent.ledger.retention-chunk (5,000). Bounded transactions keep the write set
     * far below Galera's wsrep_max_ws_size (2 GB; a 5,000-leaf chunk is a few MB) and the head row locked only
     * briefly, so sealing continues between chunks; purged_below advances with every chunk.
     */

    private long purgeSite(Connection c, LedgerStore.Site site) throws SQLException {
        c.setAutoCommit(true);
        LedgerStore.Head start = LedgerStore.head(c, site.id(), "");
        if (start == null) {
            return 0;
        }
        long cutoffSeconds = (long) site.retentionDays() * 86400L;
        // first leaf (at or above the purged prefix) whose row is still within retention: everything below it has
        // expired and stays expired, so it is the purge's end for all chunks
        long end = start.treeSize();
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(l.leaf_index) FROM ledger_leaf l "
                + "LEFT JOIN consent_event e ON e.id = l.event_id LEFT JOIN ledger_erasure r ON r.id = l.erasure_id "
                + "WHERE l.site_id = ? AND l.leaf_index >= ? AND "
                + "(COALESCE(e.recorded_at, r.recorded_at) IS NULL "
                + "OR UNIX_TIMESTAMP(COALESCE(e.recorded_at, r.recorded_at)) >= UNIX_TIMESTAMP() - ?)")) {
            ps.setLong(1, site.id());
            ps.setLong(2, start.purgedBelow());
            ps.setLong(3, cutoffSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    if (!rs.wasNull()) {
                        end = v;
                    }
                }
            }
        }
        long total = 0;
        long first = -1;
        long last = -1;
        while (true) {
            final long target = end;
            long[] purged = Conflicts.retry(() -> purgeChunk(c, site, target, Math.max(1, config.retentionChunk())));
            if (purged == null) {
                break;
            }
            first = first < 0 ? purged[0] : first;
            last = purged[1];
            total += purged[1] - purged[0];
        }
        if (total > 0) {
            LOG.infof("Retention: purged leaves %d..%d of site %s", first, last - 1, site.siteKey());
        }
        return total;
    }

    /** One transaction: purges the next chunk below {@code end}; {from, to} purged, or null when nothing was left. */
    private static long[] purgeChunk(Connection c, LedgerStore.Site site, long end, int chunk) throws SQLException {
        c.setAutoCommit(false);
        try {
            LedgerStore.Head head = LedgerStore.head(c, site.id(), " FOR UPDATE");
            if (head == null || head.purgedBelow() >= end) {
                c.commit();
                return null;
            }
            long from = head.purgedBelow();
            long to = Math.min(end, from + chunk);
            for (String sql : new String[]{
                    "DELETE e FROM consent_event e JOIN ledger_leaf l ON l.event_id = e.id WHERE l.site_id = ? AND l.leaf_index >= ? AND l.leaf_index < ?",
                    "DELETE r FROM ledger_erasure r JOIN ledger_leaf l ON l.erasure_id = r.id WHERE l.site_id = ? AND l.leaf_index >= ? AND l.leaf_index < ?",
                    "DELETE FROM ledger_leaf WHERE site_id = ? AND leaf_index >= ? AND leaf_index < ?"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, site.id());
                    ps.setLong(2, from);
                    ps.setLong(3, to);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_head SET purged_below = ? WHERE site_id = ?")) {
                ps.setLong(1, to);
                ps.setLong(2, site.id());
                ps.executeUpdate();
            }
            c.commit();
            return new long[]{from, to};
        } catch (SQLException | RuntimeException e) {
            if (!c.isClosed()) {
                c.rollback();
            }
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }
}
