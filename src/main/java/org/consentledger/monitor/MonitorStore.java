package org.consentledger.monitor;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storage of the cookie monitor (tables of V17_1__cookie_monitor.sql) with plain JDBC inside the caller's JTA
 * transaction. One upsert per name and report keeps counts exact under concurrency; example paths are merged by
 * the same statement (at most {@link ExamplePaths#MAX} per row).
 */
@ApplicationScoped
public class MonitorStore {

    /** Appends {@code ?} (the path) to a newline-separated list unless present, empty, or the list is full. */
    private static final String ADD_PATH = "IF(VALUES(%1$s) = '' OR LOCATE(CONCAT(CHAR(10), VALUES(%1$s), CHAR(10)), "
            + "CONCAT(CHAR(10), %1$s, CHAR(10))) > 0 OR (%1$s <> '' AND CHAR_LENGTH(%1$s) - CHAR_LENGTH(REPLACE(%1$s, CHAR(10), '')) >= "
            + (ExamplePaths.MAX - 1) + "), %1$s, IF(%1$s = '', VALUES(%1$s), CONCAT(%1$s, CHAR(10), VALUES(%1$s))))";

    private static final String UPSERT = "INSERT INTO monitor_observation (site_id, day, kind, name, seen_count, before_count, "
            + "first_seen, last_seen, example_paths, before_paths, config_version) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE seen_count = seen_count + 1, before_count = before_count + VALUES(before_count), "
            + "first_seen = LEAST(first_seen, VALUES(first_seen)), last_seen = GREATEST(last_seen, VALUES(last_seen)), "
            + "config_version = GREATEST(config_version, VALUES(config_version)), "
            + "example_paths = " + String.format(ADD_PATH, "example_paths") + ", "
            + "before_paths = " + String.format(ADD_PATH, "before_paths");

    @Inject
    AgroalDataSource dataSource;

    /** An ignored name. */
    public record Ignore(String kind, String name, String reason, String ignoredBy, Instant ignoredAt) {
    }

    /**
     * Adds one report's observations to the site's row of the day. Names beyond the top {@code topN} of the site,
     * day and kind are counted under {@link MonitorAggregation#OTHER}.
     */
    @Transactional
    public void record(long siteId, LocalDate day, Instant now, int configVersion, String path,
                       List<ReportRules.Observation> observations, int topN) {
        if (observations.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Set<String> existing = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT kind, name FROM monitor_observation WHERE site_id = ? AND day = ?")) {
                s.setLong(1, siteId);
                s.setDate(2, Date.valueOf(day));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.merge(rs.getString(1), 1, Integer::sum);
                        existing.add(rs.getString(1) + ":" + rs.getString(2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                for (ReportRules.Observation o : observations) {
                    String name = o.name();
                    if (!existing.contains(o.kind() + ":" + name)) {
                        if (counts.getOrDefault(o.kind(), 0) >= topN) {
                            name = MonitorAggregation.OTHER;
                        } else {
                            counts.merge(o.kind(), 1, Integer::sum);
                        }
                    }
                    s.setLong(1, siteId);
                    s.setDate(2, Date.valueOf(day));
                    s.setString(3, o.kind());
                    s.setString(4, name);
                    s.setInt(5, o.beforeDecision() ? 1 : 0);
                    s.setTimestamp(6, Timestamp.from(now));
                    s.setTimestamp(7, Timestamp.from(now));
                    s.setString(8, path);
                    s.setString(9, o.beforeDecision() ? path : "");
                    s.setInt(10, configVersion);
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
    }

    /** The site's rows last seen at or after {@code since}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MonitorAggregation.Row> rows(long siteId, Instant since) {
        List<MonitorAggregation.Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT kind, name, day, seen_count, before_count, first_seen, last_seen, example_paths, before_paths, "
                        + "config_version FROM monitor_observation WHERE site_id = ? AND last_seen >= ? ORDER BY day, id")) {
            s.setLong(1, siteId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MonitorAggregation.Row(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                            rs.getLong(4), rs.getLong(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                            ExamplePaths.parse(rs.getString(8)), ExamplePaths.parse(rs.getString(9)), rs.getInt(10)));
                }
            }
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
        return rows;
    }

    /** How many rows the site has (tests, and the API's "nothing stored" checks). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long rowCount(long siteId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM monitor_observation WHERE site_id = ?")) {
            s.setLong(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Ignore> ignores(long siteId) {
        List<Ignore> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT kind, name, reason, ignored_by, ignored_at FROM monitor_ignore WHERE site_id = ? ORDER BY ignored_at DESC, id DESC")) {
            s.setLong(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ignore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
        return out;
    }

    /** Ignores a name (or changes the reason of an ignored one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ignore(long siteId, String kind, String name, String reason, String actor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO monitor_ignore (site_id, kind, name, reason, ignored_by, ignored_at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE reason = VALUES(reason), ignored_by = VALUES(ignored_by), ignored_at = VALUES(ignored_at)")) {
            s.setLong(1, siteId);
            s.setString(2, kind);
            s.setString(3, name);
            s.setString(4, reason);
            s.setString(5, actor);
            s.setTimestamp(6, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Integer> sampleRate(long siteId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT sample_rate FROM monitor_setting WHERE site_id = ?")) {
            s.setLong(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setSampleRate(long siteId, int rate, String actor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO monitor_setting (site_id, sample_rate, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE sample_rate = VALUES(sample_rate), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)")) {
            s.setLong(1, siteId);
            s.setInt(2, rate);
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.setString(4, actor);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
    }

    /**
     * Merges daily rows before {@code before} into one row per site, month, kind and name (rolled_up), in one
     * transaction; returns how many daily rows were merged.
     */
    @Transactional
    public int rollup(LocalDate before) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, MonitorAggregation.Row> merged = new LinkedHashMap<>();
            Map<String, Long> siteOf = new LinkedHashMap<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, site_id, kind, name, day, seen_count, before_count, first_seen, "
                    + "last_seen, example_paths, before_paths, config_version FROM monitor_observation "
                    + "WHERE rolled_up = FALSE AND day < ? ORDER BY id LIMIT 5000 FOR UPDATE")) {
                s.setDate(1, Date.valueOf(before));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        LocalDate month = MonitorAggregation.rollupDay(rs.getDate(5).toLocalDate());
                        String key = rs.getLong(2) + "\n" + month + "\n" + rs.getString(3) + "\n" + rs.getString(4);
                        siteOf.put(key, rs.getLong(2));
                        MonitorAggregation.Row row = new MonitorAggregation.Row(rs.getString(3), rs.getString(4), month,
                                rs.getLong(6), rs.getLong(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                                ExamplePaths.parse(rs.getString(10)), ExamplePaths.parse(rs.getString(11)), rs.getInt(12));
                        merged.merge(key, row, MonitorStore::sum);
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM monitor_observation WHERE id = ?")) {
                for (long id : ids) {
                    d.setLong(1, id);
                    d.addBatch();
                }
                d.executeBatch();
            }
            for (Map.Entry<String, MonitorAggregation.Row> e : merged.entrySet()) {
                MonitorAggregation.Row r = e.getValue();
                long siteId = siteOf.get(e.getKey());
                MonitorAggregation.Row target = r;
                try (PreparedStatement s = c.prepareStatement("SELECT seen_count, before_count, first_seen, last_seen, example_paths, "
                        + "before_paths, config_version FROM monitor_observation WHERE site_id = ? AND day = ? AND kind = ? AND name = ? FOR UPDATE")) {
                    s.setLong(1, siteId);
                    s.setDate(2, Date.valueOf(r.day()));
                    s.setString(3, r.kind());
                    s.setString(4, r.name());
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            target = sum(r, new MonitorAggregation.Row(r.kind(), r.name(), r.day(), rs.getLong(1), rs.getLong(2),
                                    rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), ExamplePaths.parse(rs.getString(5)),
                                    ExamplePaths.parse(rs.getString(6)), rs.getInt(7)));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO monitor_observation (site_id, day, kind, name, seen_count, "
                        + "before_count, first_seen, last_seen, example_paths, before_paths, config_version, rolled_up) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE) ON DUPLICATE KEY UPDATE seen_count = VALUES(seen_count), "
                        + "before_count = VALUES(before_count), first_seen = VALUES(first_seen), last_seen = VALUES(last_seen), "
                        + "example_paths = VALUES(example_paths), before_paths = VALUES(before_paths), "
                        + "config_version = VALUES(config_version), rolled_up = TRUE")) {
                    s.setLong(1, siteId);
                    s.setDate(2, Date.valueOf(target.day()));
                    s.setString(3, target.kind());
                    s.setString(4, target.name());
                    s.setLong(5, target.count());
                    s.setLong(6, target.beforeCount());
                    s.setTimestamp(7, Timestamp.from(target.firstSeen()));
                    s.setTimestamp(8, Timestamp.from(target.lastSeen()));
                    s.setString(9, ExamplePaths.format(target.examplePaths()));
                    s.setString(10, ExamplePaths.format(target.beforePaths()));
                    s.setInt(11, target.configVersion());
                    s.executeUpdate();
                }
            }
            return ids.size();
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
    }

    /** Deletes rows last seen longer ago than their site's retention (that of the consent log). */
    @Transactional
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE o FROM monitor_observation o JOIN site s ON s.id = o.site_id "
                        + "WHERE s.retention_days > 0 AND o.last_seen < TIMESTAMPADD(DAY, -s.retention_days, ?)")) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new MonitorStorageException(e);
        }
    }

    static MonitorAggregation.Row sum(MonitorAggregation.Row a, MonitorAggregation.Row b) {
        return new MonitorAggregation.Row(a.kind(), a.name(), a.day(), a.count() + b.count(), a.beforeCount() + b.beforeCount(),
                a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(),
                ExamplePaths.merge(a.examplePaths(), b.examplePaths()), ExamplePaths.merge(a.beforePaths(), b.beforePaths()),
                Math.max(a.configVersion(), b.configVersion()));
    }

    /** A failed statement; SQL state and cause are kept so a database outage still maps to 503. */
    public static class MonitorStorageException extends RuntimeException {
        MonitorStorageException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
