package org.consentledger.consent;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.consentledger.platform.Conflicts;
import org.consentledger.platform.ProblemException;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: concurrent consent requests are queued (bounded) and written by a few writer threads,
 * each committing a whole batch in one transaction. A request's future completes only after its batch
 * committed; a failed batch fails all its requests (503) and stores none of them. Write conflicts (deadlocks,
 * Galera certification failures) are retried, and a batch that keeps conflicting is committed row by row.
 */
@ApplicationScoped
public class ConsentWriter {

    private static final Logger LOG = Logger.getLogger(ConsentWriter.class);
    static final String INSERT = "INSERT IGNORE INTO consent_event (consent_id, site_id, visitor_id, action, method,"
            + " decisions, config_version, config_hash, language, gpc, page_url, ip_truncated, user_agent, banner_hash,"
            + " idempotency_key, personal_salt, personal_commitment, recorded_at, service_decisions, idempotency_scope,"
            + " request_fingerprint) VALUES ";
    static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final int COLUMNS = 21;

    static final long FAILURE_BACKOFF_MILLIS = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Event<ConsentsCommitted> committed;

    private static final ThreadLocal<java.util.Calendar> UTC =
            ThreadLocal.withInitial(() -> java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));

    private BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    private int writerCount;

    /** Outcome for one request: the consent id that is stored for it (another one when it was a replay). */
    public record Written(String storedConsentId, boolean replay) {
    }

    private record Pending(NewConsentEvent event, CompletableFuture<Written> result) {
    }

    void start(@Observes StartupEvent event) {
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        registry.gaugeCollectionSize("consent.ingest.queue", List.of(), queue);
        running = true;
        writerCount = config.writers().orElseGet(this::defaultWriters);
        for (int i = 0; i < writerCount; i++) {
            Thread t = new Thread(this::run, "consent-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /** Writer threads running (consent.ingest.writers, or the default for this database). */
    public int writerCount() {
        return writerCount;
    }

    /**
     * One writer on a Galera node, two on a plain server. One writer makes each write set twice as large (measured: 28
     * instead of ~13 consents per commit), which cuts the certification and apply work on every node; on a plain
     * server a second writer overlaps one batch's commit with the next batch's inserts.
     */
    int defaultWriters() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SHOW GLOBAL VARIABLES LIKE 'wsrep_on'"); ResultSet rs = s.executeQuery()) {
            boolean galera = rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
            LOG.infof("Consent ingest: %s, %d writer thread(s) (consent.ingest.writers)",
                    galera ? "Galera node" : "plain server", galera ? 1 : 2);
            return galera ? 1 : 2;
        } catch (SQLException e) {
            LOG.warnf("Consent ingest: database not reachable at start-up (%s), 2 writer threads", e.getMessage());
            return 2;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result().completeExceptionally(
                ProblemException.unavailable("The service is shutting down", 1)));
    }

    /** Queues {@code event}; the future completes after commit. Throws 503 when the queue is full. */
    public CompletableFuture<Written> submit(NewConsentEvent event) {
        CompletableFuture<Written> result = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(event, result))) {
            throw ProblemException.unavailable("Too many consent requests at once; retry shortly", 1);
        }
        return result;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(config.maxBatchSize());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatchSize() - 1);
                if (!write(batch)) {
                    // the database is failing: give it a moment instead of hammering it; meanwhile the
                    // bounded queue absorbs a burst and then pushes back with 503
                    Thread.sleep(FAILURE_BACKOFF_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Consent writer failed", e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Writes and commits the batch and completes its requests; false when the database failed. A write conflict
     * (deadlock, or a lost Galera certification: {@link Conflicts}) runs the batch again a few times; a batch that
     * keeps conflicting is split into single rows, so only the conflicting row can fail, not its neighbours.
     */
    private boolean write(List<Pending> batch) {
        try {
            complete(batch, Conflicts.retry(() -> commit(batch)));
            return true;
        } catch (SQLException e) {
            if (!Conflicts.isConflict(e)) {
                LOG.warnf("Consent batch of %d failed: %s", batch.size(), e.getMessage());
                failAll(batch);
                return false;
            }
        }
        registry.counter("consent.ingest.conflicts.isolated").increment();
        LOG.debugf("Consent batch of %d kept conflicting; committing its rows one by one", batch.size());
        for (Pending p : batch) {
            List<Pending> one = List.of(p);
            try {
                complete(one, Conflicts.retry(() -> commit(one)));
            } catch (SQLException e) {
                LOG.infof("Consent %s not stored after %d write conflicts: %s", p.event().consentId(), Conflicts.ATTEMPTS,
                        e.getMessage());
                failAll(one);
            }
        }
        return true;
    }

    private static void failAll(List<Pending> batch) {
        batch.forEach(p -> p.result().completeExceptionally(
                ProblemException.unavailable(
                        "The consent may have been stored (the database did not confirm the commit); retry with the same Idempotency-Key", 5)));
    }

    /** One transaction: inserts the rows, commits; the stored consent id per idempotency key when a row was a replay. */
    private Map<String, String> commit(List<Pending> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // one multi-row statement: its affected-row count tells whether INSERT IGNORE skipped a row (an
                // Idempotency-Key stored before); only then is the batch's stored consent id per key read back
                int inserted;
                try (PreparedStatement insert = connection.prepareStatement(insertSql(batch.size()))) {
                    for (int i = 0; i < batch.size(); i++) {
                        bind(insert, i * COLUMNS, batch.get(i).event());
                    }
                    inserted = insert.executeUpdate();
                }
                Map<String, String> storedByKey = inserted == batch.size() ? Map.of() : storedIdempotencyKeys(connection, batch);
                connection.commit();
                return storedByKey;
            } catch (SQLException | RuntimeException e) {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private void complete(List<Pending> batch, Map<String, String> storedByKey) {
        committed.fire(new ConsentsCommitted(batch.size()));
        registry.counter("consent.ingest.batches").increment();
        registry.summary("consent.ingest.batch.size").record(batch.size());
        for (Pending p : batch) {
            NewConsentEvent e = p.event();
            // the stored row for the key: "consentId fingerprint" (a fingerprint is absent on rows older than V18_1)
            String[] stored = e.idempotencyKey() == null ? new String[] {e.consentId()}
                    : storedByKey.getOrDefault(e.scopedKey(), e.consentId()).split(" ", 2);
            boolean replay = !stored[0].equals(e.consentId());
            if (replay && stored.length > 1 && !stored[1].equals(e.requestFingerprint())) {
                p.result().completeExceptionally(ConsentService.keyReuse());
            } else {
                p.result().complete(new Written(stored[0], replay));
            }
        }
    }

    /** Which consent id (and request fingerprint) is stored for each scoped idempotency key of the batch. */
    private static Map<String, String> storedIdempotencyKeys(Connection connection, List<Pending> batch) throws SQLException {
        List<NewConsentEvent> keyed = batch.stream().map(Pending::event).filter(e -> e.idempotencyKey() != null).toList();
        Map<String, String> stored = new HashMap<>();
        if (keyed.isEmpty()) {
            return stored;
        }
        StringBuilder sql = new StringBuilder("SELECT site_id, idempotency_scope, idempotency_key, consent_id,"
                + " request_fingerprint FROM consent_event WHERE ");
        for (int i = 0; i < keyed.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("(site_id = ? AND idempotency_scope = ? AND idempotency_key = ?)");
        }
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (NewConsentEvent e : keyed) {
                select.setLong(index++, e.siteId());
                select.setString(index++, e.idempotencyScope());
                select.setString(index++, e.idempotencyKey());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String fingerprint = rs.getString(5);
                    stored.put(rs.getLong(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3),
                            rs.getString(4) + (fingerprint == null ? "" : " " + fingerprint));
                }
            }
        }
        return stored;
    }

    static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT.length() + rows * (ROW.length() + 2)).append(INSERT);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement insert, int offset, NewConsentEvent e) throws SQLException {
        insert.setString(offset + 1, e.consentId());
        insert.setLong(offset + 2, e.siteId());
        insert.setString(offset + 3, e.visitorId());
        insert.setString(offset + 4, e.action().wire());
        insert.setString(offset + 5, e.method());
        insert.setString(offset + 6, e.decisionsJson());
        insert.setInt(offset + 7, e.configVersion());
        insert.setString(offset + 8, e.configHash());
        insert.setString(offset + 9, e.language());
        insert.setBoolean(offset + 10, e.gpc());
        insert.setString(offset + 11, e.pageUrl());
        insert.setString(offset + 12, e.ipTruncated());
        insert.setString(offset + 13, e.userAgent());
        insert.setString(offset + 14, e.bannerHash());
        insert.setString(offset + 15, e.idempotencyKey());
        insert.setBytes(offset + 16, e.personalSalt());
        insert.setBytes(offset + 17, e.personalCommitment());
        insert.setTimestamp(offset + 18, Timestamp.from(e.recordedAt()), UTC.get());
        insert.setString(offset + 19, e.servicesJson());
        insert.setString(offset + 20, e.idempotencyKey() == null ? null : e.idempotencyScope());
        insert.setString(offset + 21, e.idempotencyKey() == null ? null : e.requestFingerprint());
    }
}
