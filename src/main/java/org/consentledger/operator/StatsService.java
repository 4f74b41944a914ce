package org.consentledger.operator;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.platform.Conflicts;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics per UTC day and category, from a roll-up kept up to date incrementally. Consent events are immutable
 * and stamped with server time, and commit within {@link #COMMIT_GRACE} of their timestamp, so everything recorded
 * before {@code now - COMMIT_GRACE} is final: a per-site watermark ({@code operator_stats_watermark.counted_until})
 * says up to where the events are added into {@code operator_stats_rollup}; a query reads the roll-up and counts only
 * the events after the watermark live (normally the last few minutes).
 */
@ApplicationScoped
public class StatsService {

    private static final Logger LOG = Logger.getLogger(StatsService.class);
    /** Upper bound between an event's recorded_at and its commit; the watermark stays this far behind now. */
    static final Duration COMMIT_GRACE = Duration.ofMinutes(10);
    /** How far the watermark may lag (scheduled roll-forward every minute) before a query rolls forward itself. */
    static final Duration QUERY_CATCH_UP = Duration.ofMinutes(5);

    @Inject
    AgroalDataSource dataSource;

    Clock clock = Clock.systemUTC();

    /** One row of the answer. */
    public record DayCategory(LocalDate day, String category, long accepted, long rejected, long partial,
            long withdrawn, Double optInRate) {
    }

    /** Days {@code from}..{@code to} inclusive, ordered by day and category; days without events are left out. */
    public List<DayCategory> stats(long siteId, LocalDate from, LocalDate to) {
        Instant rangeStart = startOf(from);
        Instant rangeEnd = startOf(to.plusDays(1));
        Map<LocalDate, DailyStats> result = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            if (isBehind(c, siteId)) {
                rollForward(c, siteId); // the scheduled roll-forward is off or has not caught up yet
            }
            // roll-up rows, watermark and live events read in one snapshot, so a concurrent roll-forward by another
            // replica can neither double-count nor drop events
            c.setAutoCommit(false);
            try {
                Instant counted = watermark(c, siteId, false);
                readRolledUp(c, siteId, from, to, result);
                Instant liveFrom = counted == null || counted.isBefore(rangeStart) ? rangeStart : counted;
                for (Instant start = liveFrom; start.isBefore(rangeEnd); ) {
                    LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
                    Instant end = startOf(day.plusDays(1));
                    DailyStats live = new DailyStats();
                    count(c, siteId, start, end, live);
                    if (!live.byCategory().isEmpty()) {
                        merge(result.computeIfAbsent(day, d -> new DailyStats()), live);
                    }
                    start = end;
                }
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Statistics query failed", e);
        }
        List<DayCategory> rows = new ArrayList<>();
        result.forEach((day, stats) -> stats.byCategory().forEach((category, n) -> rows.add(new DayCategory(day,
                category, n.accepted, n.rejected, n.partial, n.withdrawn, n.optInRate()))));
        return rows;
    }

    /**
     * Adds the events that became final since the last run into the roll-up of every site (so queries rarely catch
     * up themselves). Interval {@code consent.stats.rollup-every}, {@code off} to disable.
     */
    @Scheduled(every = "${consent.stats.rollup-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "operator-stats-rollup")
    void rollForwardAllSites() {
        try (Connection c = dataSource.getConnection()) {
            List<Long> sites = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM site"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getLong(1));
                }
            }
            for (long site : sites) {
                // a write conflict (another replica's roll-up on another Galera node) runs the step again
                Conflicts.retry(() -> {
                    rollForward(c, site);
                    return null;
                });
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Statistics roll-up failed; queries count the missing part live", e);
        }
    }

    /**
     * True when the watermark is missing or more than {@link #QUERY_CATCH_UP} behind {@code now - COMMIT_GRACE}.
     * Otherwise a query counts the few minutes after the watermark live rather than committing a roll-up step.
     */
    private boolean isBehind(Connection c, long siteId) throws SQLException {
        Instant counted = watermark(c, siteId, false);
        return counted == null || counted.isBefore(clock.instant().minus(COMMIT_GRACE).minus(QUERY_CATCH_UP));
    }

    /**
     * Moves the site's watermark to {@code now - COMMIT_GRACE}, one UTC day per transaction, adding the events in
     * between to the roll-up. The watermark row is locked while a step runs; another replica already doing it is
     * skipped, not waited for.
     */
    void rollForward(Connection c, long siteId) throws SQLException {
        // whole seconds: the column keeps microseconds, a watermark with nanoseconds would never be reached
        Instant target = clock.instant().minus(COMMIT_GRACE).truncatedTo(ChronoUnit.SECONDS);
        ensureWatermark(c, siteId);
        while (true) {
            c.setAutoCommit(false);
            try {
                Instant counted = watermark(c, siteId, true);
                if (counted == null || !counted.isBefore(target)) {
                    c.commit();
                    return;
                }
                LocalDate day = counted.atZone(ZoneOffset.UTC).toLocalDate();
                Instant dayEnd = startOf(day.plusDays(1));
                Instant stepEnd = dayEnd.isBefore(target) ? dayEnd : target;
                if (!stepEnd.isAfter(counted)) {
                    c.commit();
                    return;
                }
                DailyStats delta = new DailyStats();
                count(c, siteId, counted, stepEnd, delta);
                addToRollUp(c, siteId, day, delta);
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE operator_stats_watermark SET counted_until = ?, updated_at = ? WHERE site_id = ?")) {
                    s.setTimestamp(1, Timestamp.from(stepEnd));
                    s.setTimestamp(2, Timestamp.from(clock.instant()));
                    s.setLong(3, siteId);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** First use: the roll-up starts at the beginning of the day of the site's oldest event. */
    private void ensureWatermark(Connection c, long siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM operator_stats_watermark WHERE site_id = ?")) {
            s.setLong(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        Instant oldest = null;
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(recorded_at) FROM consent_event WHERE site_id = ?")) {
            s.setLong(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getTimestamp(1) != null) {
                    oldest = rs.getTimestamp(1).toInstant();
                }
            }
        }
        Instant start = oldest == null ? clock.instant().minus(COMMIT_GRACE) : oldest;
        try (PreparedStatement s = c.prepareStatement("INSERT IGNORE INTO operator_stats_watermark "
                + "(site_id, counted_until, updated_at) VALUES (?, ?, ?)")) {
            s.setLong(1, siteId);
            s.setTimestamp(2, Timestamp.from(startOf(start.atZone(ZoneOffset.UTC).toLocalDate())));
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
    }

    /** The watermark; with {@code lock}, locked for a roll-forward step (null when another replica holds it). */
    private static Instant watermark(Connection c, long siteId, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT counted_until FROM operator_stats_watermark WHERE site_id = ?"
                + (lock ? " FOR UPDATE SKIP LOCKED" : ""))) {
            s.setLong(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }

    private static void readRolledUp(Connection c, long siteId, LocalDate from, LocalDate to,
            Map<LocalDate, DailyStats> result) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT day, category, accepted, rejected, partial, withdrawn "
                + "FROM operator_stats_rollup WHERE site_id = ? AND day BETWEEN ? AND ?")) {
            s.setLong(1, siteId);
            s.setDate(2, Date.valueOf(from));
            s.setDate(3, Date.valueOf(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    DailyStats.Counts n = result.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new DailyStats())
                            .byCategory().computeIfAbsent(rs.getString(2), k -> new DailyStats.Counts());
                    n.accepted += rs.getLong(3);
                    n.rejected += rs.getLong(4);
                    n.partial += rs.getLong(5);
                    n.withdrawn += rs.getLong(6);
                }
            }
        }
    }

    /** Counts [from, to) from the events: one GROUP BY over (action, decisions), which have few distinct values. */
    private static void count(Connection c, long siteId, Instant from, Instant to, DailyStats into) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT action, decisions, COUNT(*) FROM consent_event "
                // named: left alone, MariaDB may scan all of the site's events by site_id instead of the day's range
                + "FORCE INDEX (ix_consent_time) WHERE site_id = ? AND recorded_at >= ? AND recorded_at < ? GROUP BY action, decisions")) {
            s.setLong(1, siteId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    into.add(rs.getString(1), rs.getString(2), rs.getLong(3));
                }
            }
        }
    }

    private static void addToRollUp(Connection c, long siteId, LocalDate day, DailyStats delta) throws SQLException {
        if (delta.byCategory().isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO operator_stats_rollup "
                + "(site_id, day, category, accepted, rejected, partial, withdrawn) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE accepted = accepted + VALUES(accepted), rejected = rejected + VALUES(rejected), "
                + "partial = partial + VALUES(partial), withdrawn = withdrawn + VALUES(withdrawn)")) {
            for (Map.Entry<String, DailyStats.Counts> e : delta.byCategory().entrySet()) {
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
    }

    private static void merge(DailyStats into, DailyStats add) {
        add.byCategory().forEach((category, n) -> {
            DailyStats.Counts t = into.byCategory().computeIfAbsent(category, k -> new DailyStats.Counts());
            t.accepted += n.accepted;
            t.rejected += n.rejected;
            t.partial += n.partial;
            t.withdrawn += n.withdrawn;
        });
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
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
