package org.consentledger.operator;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Statistics per UTC day and category. Consent events are immutable and stamped with server time, so once a day
 * is over (plus a grace period for in-flight commits) its counts never change: closed days are rolled up once into
 * {@code operator_stats_day} and read from there; the days still open are counted live.
 */
@ApplicationScoped
public class StatsService {

    private static final Logger LOG = Logger.getLogger(StatsService.class);
    /** A day counts as closed this long after its end. */
    static final Duration CLOSE_GRACE = Duration.ofMinutes(10);

    @Inject
    AgroalDataSource dataSource;

    Clock clock = Clock.systemUTC();

    /** One row of the answer. */
    public record DayCategory(LocalDate day, String category, long accepted, long rejected, long partial,
            long withdrawn, Double optInRate) {
    }

    /** Days {@code from}..{@code to} inclusive, ordered by day and category; days without events are left out. */
    public List<DayCategory> stats(long siteId, LocalDate from, LocalDate to) {
        Map<LocalDate, DailyStats> result = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            Set<LocalDate> done = doneDays(c, siteId, from, to);
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (!done.contains(day) && isClosed(day)) {
                    rollUp(c, siteId, day);
                    done.add(day);
                }
            }
            readRolledUp(c, siteId, from, to, result);
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (!done.contains(day)) {
                    DailyStats live = count(c, siteId, day);
                    if (!live.byCategory().isEmpty()) {
                        result.put(day, live);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Statistics query failed", e);
        }
        List<DayCategory> rows = new ArrayList<>();
        result.forEach((day, stats) -> stats.byCategory().forEach((category, n) -> rows.add(new DayCategory(day,
                category, n.accepted, n.rejected, n.partial, n.withdrawn, n.optInRate()))));
        return rows;
    }

    /** Rolls up yesterday for every site shortly after midnight UTC, so the first query of the day stays fast. */
    @Scheduled(cron = "0 15 0 * * ?", identity = "operator-stats-rollup")
    void rollUpYesterday() {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id FROM site");
                ResultSet rs = s.executeQuery()) {
            List<Long> sites = new ArrayList<>();
            while (rs.next()) {
                sites.add(rs.getLong(1));
            }
            for (long site : sites) {
                if (!doneDays(c, site, yesterday, yesterday).contains(yesterday)) {
                    rollUp(c, site, yesterday);
                }
            }
        } catch (SQLException e) {
            LOG.warn("Nightly statistics roll-up failed; queries will compute the day on demand", e);
        }
    }

    boolean isClosed(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return clock.instant().isAfter(end.plus(CLOSE_GRACE));
    }

    private static Set<LocalDate> doneDays(Connection c, long siteId, LocalDate from, LocalDate to) throws SQLException {
        Set<LocalDate> done = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT day FROM operator_stats_day_done WHERE site_id = ? AND day BETWEEN ? AND ?")) {
            s.setLong(1, siteId);
            s.setDate(2, Date.valueOf(from));
            s.setDate(3, Date.valueOf(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getDate(1).toLocalDate());
                }
            }
        }
        return done;
    }

    private static void readRolledUp(Connection c, long siteId, LocalDate from, LocalDate to,
            Map<LocalDate, DailyStats> result) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT day, category, accepted, rejected, partial, withdrawn "
                + "FROM operator_stats_day WHERE site_id = ? AND day BETWEEN ? AND ?")) {
            s.setLong(1, siteId);
            s.setDate(2, Date.valueOf(from));
            s.setDate(3, Date.valueOf(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    DailyStats.Counts n = result.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new DailyStats())
                            .byCategory().computeIfAbsent(rs.getString(2), k -> new DailyStats.Counts());
                    n.accepted = rs.getLong(3);
                    n.rejected = rs.getLong(4);
                    n.partial = rs.getLong(5);
                    n.withdrawn = rs.getLong(6);
                }
            }
        }
    }

    /** Counts one day from the events: one GROUP BY over (action, decisions), which have few distinct values. */
    private static DailyStats count(Connection c, long siteId, LocalDate day) throws SQLException {
        DailyStats stats = new DailyStats();
        try (PreparedStatement s = c.prepareStatement("SELECT action, decisions, COUNT(*) FROM consent_event "
                + "WHERE site_id = ? AND recorded_at >= ? AND recorded_at < ? GROUP BY action, decisions")) {
            s.setLong(1, siteId);
            s.setTimestamp(2, Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC)));
            s.setTimestamp(3, Timestamp.from(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stats.add(rs.getString(1), rs.getString(2), rs.getLong(3));
                }
            }
        }
        return stats;
    }

    /** Computes a closed day and stores it with its "done" marker in one transaction (idempotent across replicas). */
    private static void rollUp(Connection c, long siteId, LocalDate day) throws SQLException {
        DailyStats stats = count(c, siteId, day);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO operator_stats_day "
                    + "(site_id, day, category, accepted, rejected, partial, withdrawn) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON DUPLICATE KEY UPDATE accepted = VALUES(accepted), rejected = VALUES(rejected), "
                    + "partial = VALUES(partial), withdrawn = VALUES(withdrawn)")) {
                for (Map.Entry<String, DailyStats.Counts> e : stats.byCategory().entrySet()) {
                    s.setLong(1, siteId);
                    s.setDate(2, Date.valueOf(day));
                    s.setString(3, e.getKey());
                    s.setLong(4, e.getValue().accepted);
                    s.setLong(5, e.getValue().rejected);
                    s.setLong(6, e.getValue().partial);
                    s.setLong(7, e.getValue().withdrawn);
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT IGNORE INTO operator_stats_day_done (site_id, day, computed_at) VALUES (?, ?, ?)")) {
                s.setLong(1, siteId);
                s.setDate(2, Date.valueOf(day));
                s.setTimestamp(3, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static Map<String, Object> view(DayCategory r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", r.day().toString());
        m.put("category", r.category());
        m.put("accepted", r.accepted());
        m.put("rejected", r.rejected());
        m.put("partial", r.partial());
        m.put("withdrawn", r.withdrawn());
        m.put("optInRate", r.optInRate());
        return m;
    }
}
