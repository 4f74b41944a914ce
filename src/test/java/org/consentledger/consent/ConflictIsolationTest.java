package org.consentledger.consent;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.platform.Conflicts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 2: a write conflict of one row in a group-commit batch costs only that row, on one server. A trigger
 * on consent_event fails the INSERT of chosen visitors with error 1213 / SQLSTATE 40001, exactly what a deadlock or a
 * lost Galera certification looks like to the service, and logs every attempt (connection and statement time, so the
 * rows of one INSERT statement can be told apart). The batch is made deterministic: both writer threads wait on a
 * row lock of another connection while the requests queue up, then the lock goes away and they are written as one
 * batch (the rows of a batch are inserted in queue order, so the conflicting row, queued last, follows its
 * neighbours in the statement).
 */
@QuarkusTest
class ConflictIsolationTest {

    static final String SITE = "kommunikationstrainer";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry registry;
    @Inject
    ConsentService consents;
    @Inject
    IngestConfig ingest;
    @Inject
    ConsentWriter writer;

    ExecutorService clients;

    @BeforeEach
    void trigger() throws SQLException {
        clients = Executors.newFixedThreadPool(16);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            dropFixtures(s);
            // non-transactional (MyISAM), so the attempt log and the conflict budget survive the failing statement
            s.execute("CREATE TABLE conflict_test_watch (visitor_id CHAR(36) PRIMARY KEY, conflicts_left INT NOT NULL) ENGINE=MyISAM");
            s.execute("CREATE TABLE conflict_test_attempt (seq BIGINT AUTO_INCREMENT PRIMARY KEY, connection_id BIGINT NOT NULL,"
                    + " statement_at DATETIME(6) NOT NULL, visitor_id CHAR(36) NOT NULL) ENGINE=MyISAM");
            // conflicts_left: -1 = conflicts on every attempt, n > 0 = on the next n attempts
            s.execute("CREATE TRIGGER conflict_test BEFORE INSERT ON consent_event FOR EACH ROW BEGIN\n"
                    + "  DECLARE budget INT DEFAULT NULL;\n"
                    + "  SET budget = (SELECT conflicts_left FROM conflict_test_watch WHERE visitor_id = NEW.visitor_id);\n"
                    + "  IF budget IS NOT NULL THEN\n"
                    + "    INSERT INTO conflict_test_attempt (connection_id, statement_at, visitor_id) VALUES (CONNECTION_ID(), NOW(6), NEW.visitor_id);\n"
                    + "    IF budget <> 0 THEN\n"
                    + "      UPDATE conflict_test_watch SET conflicts_left = conflicts_left - 1 WHERE visitor_id = NEW.visitor_id AND conflicts_left > 0;\n"
                    + "      SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction';\n"
                    + "    END IF;\n"
                    + "  END IF;\n"
                    + "END");
        }
    }

    @AfterEach
    void dropTrigger() throws SQLException {
        clients.shutdownNow();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            dropFixtures(s);
        }
    }

    static void dropFixtures(Statement s) throws SQLException {
        s.execute("DROP TRIGGER IF EXISTS conflict_test");
        s.execute("DROP TABLE IF EXISTS conflict_test_watch, conflict_test_attempt");
    }

    @Test
    void aRowThatKeepsConflictingFailsAloneWhileItsNeighboursInTheBatchCommit() throws Exception {
        double isolatedBefore = registry.counter("consent.ingest.conflicts.isolated").count();
        String poisoned = UUID.randomUUID().toString();
        List<String> neighbours = new ArrayList<>();
        for (int i = 0; i < ingest.maxBatchSize() - 1; i++) {
            neighbours.add(UUID.randomUUID().toString());
        }
        watch(neighbours, 0);
        watch(List.of(poisoned), -1);

        Map<String, Response> answers = postAsOneBatch(neighbours, poisoned);

        assertEquals(503, answers.get(poisoned).statusCode(), answers.get(poisoned).asString());
        assertEquals("application/problem+json", answers.get(poisoned).contentType().split(";")[0]);
        assertTrue(answers.get(poisoned).header("Retry-After") != null, "503 says when to retry");
        assertEquals(0, consents.history(SITE, poisoned).size(), "the conflicting consent is not stored");
        for (String n : neighbours) {
            assertEquals(201, answers.get(n).statusCode(), "neighbour " + n + ": " + answers.get(n).asString());
            assertEquals(1, consents.history(SITE, n).size(), "neighbour " + n + " stored once");
        }
        // the poisoned row shared an INSERT statement (a batch) with neighbours, was retried with the batch, then
        // alone, both a bounded number of times
        List<Attempt> attempts = attempts();
        Attempt first = attempts.stream().filter(a -> a.visitor().equals(poisoned)).findFirst().orElseThrow();
        long together = attempts.stream().filter(a -> a.statement().equals(first.statement()) && neighbours.contains(a.visitor())).count();
        assertTrue(together >= 1, "the conflicting row was in one batch with neighbours: " + attempts);
        assertEquals(2L * Conflicts.ATTEMPTS, attempts.stream().filter(a -> a.visitor().equals(poisoned)).count(),
                "attempts of the conflicting row: " + Conflicts.ATTEMPTS + " with its batch, " + Conflicts.ATTEMPTS + " alone");
        assertEquals(1, registry.counter("consent.ingest.conflicts.isolated").count() - isolatedBefore, 1e-9,
                "one batch was split into rows");
    }

    @Test
    void aConflictThatClearsOnRetryCostsNobodyA503() throws Exception {
        double isolatedBefore = registry.counter("consent.ingest.conflicts.isolated").count();
        String transient_ = UUID.randomUUID().toString();
        List<String> neighbours = new ArrayList<>();
        for (int i = 0; i < ingest.maxBatchSize() - 1; i++) {
            neighbours.add(UUID.randomUUID().toString());
        }
        watch(neighbours, 0);
        watch(List.of(transient_), 2);

        Map<String, Response> answers = postAsOneBatch(neighbours, transient_);

        for (Map.Entry<String, Response> a : answers.entrySet()) {
            assertEquals(201, a.getValue().statusCode(), a.getKey() + ": " + a.getValue().asString());
            assertEquals(1, consents.history(SITE, a.getKey()).size(), a.getKey() + " stored once");
        }
        assertEquals(3, attempts().stream().filter(a -> a.visitor().equals(transient_)).count(), "two conflicts, then committed");
        assertEquals(0, registry.counter("consent.ingest.conflicts.isolated").count() - isolatedBefore, 1e-9,
                "the batch committed as a whole on its third attempt");
    }

    /**
     * Holds both writer threads on a row lock (a gate consent each, whose Idempotency-Key another connection has
     * inserted and not committed), queues {@code neighbours} and then {@code last}, and lets the writers go.
     */
    Map<String, Response> postAsOneBatch(List<String> neighbours, String last) throws Exception {
        Map<String, Future<Response>> pending = new LinkedHashMap<>();
        try (Connection gate = dataSource.getConnection()) {
            gate.setAutoCommit(false);
            long siteId;
            try (PreparedStatement ps = gate.prepareStatement("SELECT id FROM site WHERE site_key = ?")) {
                ps.setString(1, SITE);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    siteId = rs.getLong(1);
                }
            }
            // all gate rows first: a blocked writer's INSERT holds the trigger's MyISAM tables until it goes on
            List<String> keys = new ArrayList<>();
            for (int w = 0; w < writer.writerCount(); w++) {
                keys.add("conflict-test-gate-" + UUID.randomUUID());
                insertUncommitted(gate, siteId, keys.get(w));
            }
            List<Future<Response>> gates = new ArrayList<>();
            for (int w = 0; w < writer.writerCount(); w++) {
                String key = keys.get(w);
                gates.add(clients.submit(() -> post(UUID.randomUUID().toString(), key)));
                int waiting = w + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> blockedWriters() == waiting);
            }
            for (String n : neighbours) {
                pending.put(n, clients.submit(() -> post(n, null)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> queued() == neighbours.size());
            pending.put(last, clients.submit(() -> post(last, null)));
            await().atMost(Duration.ofSeconds(20)).until(() -> queued() == neighbours.size() + 1);
            gate.rollback();
            for (Future<Response> g : gates) {
                assertEquals(201, g.get(60, TimeUnit.SECONDS).statusCode());
            }
        }
        Map<String, Response> answers = new HashMap<>();
        for (Map.Entry<String, Future<Response>> p : pending.entrySet()) {
            answers.put(p.getKey(), p.getValue().get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    static Response post(String visitor, String idempotencyKey) {
        var request = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,\"analytics\":true},"
                        + "\"method\":\"accept-all\"}");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/api/v1/sites/" + SITE + "/consents").then().extract().response();
    }

    static void insertUncommitted(Connection c, long siteId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_event (consent_id, site_id, visitor_id, action, method,"
                + " decisions, config_version, config_hash, language, gpc, idempotency_key, idempotency_scope,"
                + " personal_commitment, recorded_at) VALUES (?, ?, ?, 'given', 'accept-all', '{}', 1, ?, 'de', FALSE, ?, 'consents', ?, NOW(6))")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setLong(2, siteId);
            ps.setString(3, UUID.randomUUID().toString());
            ps.setString(4, "0".repeat(64));
            ps.setString(5, key);
            ps.setBytes(6, new byte[32]);
            ps.executeUpdate();
        }
    }

    double queued() {
        return registry.get("consent.ingest.queue").gauge().value();
    }

    /** Writer statements that wait: the first on the gate's row lock, the others on the trigger's MyISAM tables. */
    long blockedWriters() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
                     + " AND INFO LIKE 'INSERT IGNORE INTO consent_event%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void watch(List<String> visitors, int conflicts) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO conflict_test_watch (visitor_id, conflicts_left) VALUES (?, ?)")) {
            for (String v : visitors) {
                ps.setString(1, v);
                ps.setInt(2, conflicts);
                ps.executeUpdate();
            }
        }
    }

    record Attempt(String statement, String visitor) {
    }

    List<Attempt> attempts() throws SQLException {
        List<Attempt> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT connection_id, statement_at, visitor_id FROM conflict_test_attempt ORDER BY seq")) {
            while (rs.next()) {
                out.add(new Attempt(rs.getLong(1) + "@" + rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
