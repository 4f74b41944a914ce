package org.consentledger.site;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Installation check: remembers which allowed origin fetched a site's banner configuration (first and last time) and
 * which origins were refused by CORS, so the console's Install page can say "banner seen on https://… at …" or point
 * at a misconfigured origin. Only origins are kept, never anything about the visitor.
 *
 * <p>Hooks call {@link #bannerFetched} (banner config route and resource, CORS preflight, the per-site script); it
 * only touches an in-memory map (safe on the event loop). {@link #flush} writes the collected origins in one batch to
 * {@code site_origin_seen} every {@code consent.install-check.flush-every} (default 10 s). Refused origins are kept
 * for {@link #REFUSED_DAYS} days; only well-formed origins are recorded and at most {@link #MAX_PENDING} distinct
 * ones per flush, so random {@code Origin} headers cannot grow memory without bound.
 */
@ApplicationScoped
public class InstallCheck {

    private static final Logger LOG = Logger.getLogger(InstallCheck.class);
    static final int MAX_PENDING = 5_000;
    static final int MAX_ORIGIN_LENGTH = 255;
    public static final int REFUSED_DAYS = 7;

    /** One origin of one site: seen (allowed) or refused. */
    public record OriginSeen(String origin, boolean allowed, Instant firstSeen, Instant lastSeen, long hits) {
    }

    record Key(long siteId, String origin, boolean allowed) {
    }

    static final class Pending {
        final long first;
        final AtomicLong last;
        final AtomicLong hits = new AtomicLong();

        Pending(long now) {
            first = now;
            last = new AtomicLong(now);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private volatile ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();

    /**
     * Records that a browser at {@code origin} asked for the site's banner (config, script or preflight): as seen when
     * the origin is allowed, as refused otherwise. Requests without an Origin header (same-origin, servers) are ignored.
     */
    public void bannerFetched(SiteService.SiteSnapshot site, String origin) {
        if (site == null || origin == null) {
            return;
        }
        boolean allowed = OriginPolicy.allows(site.allowedOrigins(), origin);
        record(site.id(), origin, allowed);
    }

    void record(long siteId, String origin, boolean allowed) {
        if (origin.length() > MAX_ORIGIN_LENGTH || OriginPolicy.problemWith(origin) != null || origin.endsWith(":*")) {
            return;
        }
        String normalised = origin.toLowerCase(Locale.ROOT);
        long now = System.currentTimeMillis();
        ConcurrentHashMap<Key, Pending> map = pending;
        Key key = new Key(siteId, normalised, allowed);
        Pending p = map.get(key);
        if (p == null) {
            if (map.size() >= MAX_PENDING) {
                return;
            }
            p = map.computeIfAbsent(key, k -> new Pending(now));
        }
        p.last.accumulateAndGet(now, Math::max);
        p.hits.incrementAndGet();
    }

    /** Writes what was collected since the last flush (called by the scheduler and before the Install page reads). */
    @Scheduled(every = "${consent.install-check.flush-every:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "install-check-flush")
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ConcurrentHashMap<Key, Pending> batch = pending;
        pending = new ConcurrentHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO site_origin_seen (site_id, origin, allowed, first_seen, last_seen, hits) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE last_seen = GREATEST(last_seen, VALUES(last_seen)), "
                        + "hits = hits + VALUES(hits)")) {
            for (Map.Entry<Key, Pending> e : batch.entrySet()) {
                s.setLong(1, e.getKey().siteId());
                s.setString(2, e.getKey().origin());
                s.setBoolean(3, e.getKey().allowed());
                s.setTimestamp(4, new Timestamp(e.getValue().first));
                s.setTimestamp(5, new Timestamp(e.getValue().last.get()));
                s.setLong(6, e.getValue().hits.get());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException | RuntimeException e) {
            // keep what was collected for the next attempt (database down, e.g.)
            batch.forEach((k, v) -> {
                if (pending.size() < MAX_PENDING) {
                    pending.merge(k, v, (a, b) -> a);
                }
            });
            LOG.debugf("Installation check not written yet: %s", e.getMessage());
        }
    }

    /** Drops refused origins not seen for {@link #REFUSED_DAYS} days. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "install-check-prune")
    void prune() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM site_origin_seen WHERE allowed = FALSE AND last_seen < ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofDays(REFUSED_DAYS))));
            s.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Installation check prune skipped: %s", e.getMessage());
        }
    }

    /**
     * What is known about a site: allowed origins that fetched the banner (latest first) and origins refused in the
     * last {@link #REFUSED_DAYS} days that are still not allowed.
     */
    public List<OriginSeen> origins(long siteId, List<String> allowedNow) {
        flush();
        List<OriginSeen> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT origin, allowed, first_seen, last_seen, hits FROM site_origin_seen WHERE site_id = ? "
                        + "AND (allowed = TRUE OR last_seen >= ?) ORDER BY allowed DESC, last_seen DESC LIMIT 200")) {
            s.setLong(1, siteId);
            s.setTimestamp(2, Timestamp.from(Instant.now().minus(Duration.ofDays(REFUSED_DAYS))));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String origin = rs.getString(1);
                    boolean allowed = rs.getBoolean(2);
                    if (!allowed && OriginPolicy.allows(allowedNow, origin)) {
                        continue; // allowed since
                    }
                    out.add(new OriginSeen(origin, allowed, rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                            rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
