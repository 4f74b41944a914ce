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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Applies {@link CheckpointHistory} to every site's stored checkpoints on a schedule. */
@ApplicationScoped
public class CheckpointThinning {

    private static final Logger LOG = Logger.getLogger(CheckpointThinning.class);
    private static final int DELETE_CHUNK = 1000;

    @Inject
    DataSource dataSource;
    @Inject
    LedgerConfig config;

    @Scheduled(every = "${consent.ledger.checkpoint-thinning-interval:10m}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "ledger-checkpoint-thinning")
    void scheduled() {
        if (!config.retentionEnabled()) {
            return;
        }
        try {
            thinAll(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Checkpoint thinning failed; will retry", e);
        }
    }

    /** Deletes the checkpoints {@link CheckpointHistory} drops as of {@code now}; returns how many. */
    public int thinAll(Instant now) {
        int total = 0;
        try (Connection c = dataSource.getConnection()) {
            for (LedgerStore.Site site : LedgerStore.sites(c)) {
                total += Conflicts.retry(() -> thinSite(c, site, now)); // the deletes are idempotent
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    private int thinSite(Connection c, LedgerStore.Site site, Instant now) throws SQLException {
        LedgerStore.Head head = LedgerStore.head(c, site.id(), "");
        if (head == null) {
            return 0;
        }
        List<CheckpointHistory.Stored> stored = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, tree_size, created_at FROM ledger_checkpoint "
                + "WHERE site_id = ? AND created_at < ? ORDER BY tree_size")) {
            ps.setLong(1, site.id());
            ps.setTimestamp(2, java.sql.Timestamp.from(now.minus(config.checkpointsKeepAll())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new CheckpointHistory.Stored(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        List<Long> delete = CheckpointHistory.toDelete(stored, now, config.checkpointsKeepAll(), head.checkpointId());
        for (int from = 0; from < delete.size(); from += DELETE_CHUNK) {
            List<Long> chunk = delete.subList(from, Math.min(delete.size(), from + DELETE_CHUNK));
            StringBuilder sql = new StringBuilder("DELETE FROM ledger_checkpoint WHERE site_id = ? AND id IN (");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
                ps.setLong(1, site.id());
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 2, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
        if (!delete.isEmpty()) {
            LOG.debugf("Thinned %d checkpoints of site %s", delete.size(), site.siteKey());
        }
        return delete.size();
    }
}
