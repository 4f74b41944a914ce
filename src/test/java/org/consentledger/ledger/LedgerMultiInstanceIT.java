package org.consentledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.consentledger.platform.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 11: two packaged service processes on one database, ingesting concurrently, yield one consistent
 * log per site (gapless, no duplicate leaf index, every acknowledged consent sealed, verification OK via
 * the command-line mode). Needs target/quarkus-app (run by failsafe after package: ./mvnw -B verify).
 */
class LedgerMultiInstanceIT {

    static final String SITE = "kommunikationstrainer";
    static final List<Process> PROCESSES = Collections.synchronizedList(new ArrayList<>());
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void stop() {
        for (Process p : PROCESSES) {
            p.destroy();
        }
        for (Process p : PROCESSES) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final String ADMIN_PASSWORD = "multi-instance-admin-1";
    private static final Map<Integer, Integer> MANAGEMENT_PORTS = new java.util.concurrent.ConcurrentHashMap<>();

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String dbUser = System.getenv().getOrDefault("CONSENT_TEST_DB_USER", "root");
    private static String dbPassword = System.getenv().getOrDefault("CONSENT_TEST_DB_PASSWORD", "");

    static String jdbcUrl() throws Exception {
        String external = System.getenv("CONSENT_TEST_JDBC_URL");
        if (external != null) {
            return external;
        }
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-mariadb-");
        EmbeddedDatabase.Access access = EmbeddedDatabase.start(dir.resolve("db"), freePort(), "consentledger");
        dbUser = access.username();
        dbPassword = access.password();
        return access.jdbcUrl();
    }

    static Process start(String jdbc, int port, Path keyFile, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", "target/quarkus-app/quarkus-run.jar"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
        env.put("QUARKUS_DATASOURCE_USERNAME", dbUser);
        env.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // health answers on the management port (#14)
        int management = freePort();
        MANAGEMENT_PORTS.put(port, management);
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        env.put("CONSENT_LEDGER_SIGNING_KEY_FILE", keyFile.toString());
        env.put("CONSENT_DEMO_ENABLED", "true");
        env.put("CONSENT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process p = pb.start();
        PROCESSES.add(p);
        return p;
    }

    static void awaitReady(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("instance exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORTS.get(port) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("instance on port " + port + " not ready: " + Files.readString(log));
    }

    @Test
    void twoInstancesOnOneDatabaseBuildOneConsistentLogPerSite() throws Exception {
        assertTrue(new File("target/quarkus-app/quarkus-run.jar").exists(), "package the application first");
        String jdbc = jdbcUrl();
        Path dir = Files.createDirectories(Path.of("target", "multi-instance-it"));
        Path key = dir.resolve("ledger.key");
        Files.deleteIfExists(key);
        int portA = freePort();
        int portB = freePort();
        Process a = start(jdbc, portA, key, dir.resolve("a.log"));
        awaitReady(portA, a, dir.resolve("a.log")); // A creates the demo sites and the key; then B joins
        Process b = start(jdbc, portB, key, dir.resolve("b.log"));
        awaitReady(portB, b, dir.resolve("b.log"));

        ObjectMapper json = new ObjectMapper();
        revocationOnOneReplicaReachesTheOther(portA, portB, json);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> acks = new ArrayList<>();
        int total = 400;
        for (int i = 0; i < total; i++) {
            int port = i % 2 == 0 ? portA : portB;
            boolean analytics = i % 3 == 0;
            acks.add(pool.submit(() -> {
                String body = "{\"visitorId\":\"" + UUID.randomUUID() + "\",\"configVersion\":1,\"decisions\":{\"essential\":true,"
                        + "\"analytics\":" + analytics + "},\"method\":\"save-settings\",\"language\":\"de\",\"gpc\":false}";
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sites/" + SITE + "/consents"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, r.statusCode(), r.body());
                return json.readTree(r.body()).get("consentId").asText();
            }));
        }
        Set<String> acknowledged = new HashSet<>();
        for (Future<String> f : acks) {
            acknowledged.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(total, acknowledged.size());

        try (Connection c = DriverManager.getConnection(jdbc, dbUser, dbPassword)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long unsealed;
            do {
                Thread.sleep(250);
                unsealed = LedgerTestSupport.count(c, "SELECT COUNT(*) FROM consent_event e JOIN site s ON s.id = e.site_id "
                        + "LEFT JOIN ledger_leaf l ON l.event_id = e.id WHERE s.site_key = ? AND l.event_id IS NULL", SITE);
            } while (unsealed > 0 && System.nanoTime() < deadline);
            assertEquals(0, unsealed, "every committed event is sealed");
            long siteId = LedgerTestSupport.count(c, "SELECT id FROM site WHERE site_key = ?", SITE);
            long leaves = LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_leaf WHERE site_id = ?", siteId);
            long distinct = LedgerTestSupport.count(c, "SELECT COUNT(DISTINCT leaf_index) FROM ledger_leaf WHERE site_id = ?", siteId);
            long max = LedgerTestSupport.count(c, "SELECT COALESCE(MAX(leaf_index), -1) FROM ledger_leaf WHERE site_id = ?", siteId);
            long purged = LedgerTestSupport.count(c, "SELECT purged_below FROM ledger_head WHERE site_id = ?", siteId);
            assertEquals(leaves, distinct, "no duplicate leaf index");
            assertEquals(max + 1 - purged, leaves, "no gap in the leaf indexes");
            assertEquals(max + 1, LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId));
            Set<String> sealed = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.consent_id FROM ledger_leaf l JOIN consent_event e ON e.id = l.event_id WHERE l.site_id = ?")) {
                ps.setLong(1, siteId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertTrue(sealed.add(rs.getString(1)), "event sealed twice");
                    }
                }
            }
            assertTrue(sealed.containsAll(acknowledged), "every acknowledged consent is in the log");
        }

        // command-line verification mode against the same database
        Path verifyLog = dir.resolve("verify.log");
        Process v = start(jdbc, freePort(), key, verifyLog, "verify", SITE);
        assertTrue(v.waitFor(180, TimeUnit.SECONDS), "verify did not finish");
        String out = Files.readString(verifyLog, StandardCharsets.UTF_8);
        assertEquals(0, v.exitValue(), out);
        assertTrue(out.contains("OK: site " + SITE), out);
        Process missing = start(jdbc, freePort(), key, dir.resolve("verify-missing.log"), "verify", "no-such-site");
        assertTrue(missing.waitFor(180, TimeUnit.SECONDS));
        assertEquals(2, missing.exitValue(), Files.readString(dir.resolve("verify-missing.log")));
    }

    /**
     * Issue 14 item 2 across replicas: an account disabled on A, and a session signed out on A, are refused on B
     * within a second (each replica trusts a looked-up token version for at most a second).
     */
    static void revocationOnOneReplicaReachesTheOther(int portA, int portB, ObjectMapper json) throws Exception {
        String admin = login(portA, "admin", ADMIN_PASSWORD, json);
        String user = "replica-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "replica-password-" + UUID.randomUUID();
        HttpResponse<String> created = send(portA, "POST", "/api/v1/admin/users", admin,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"roles\":[\"auditor\"],\"sites\":[\"" + SITE + "\"]}");
        assertEquals(201, created.statusCode(), created.body());

        String signedOut = login(portA, user, password, json);
        assertEquals(200, send(portB, "GET", "/api/v1/admin/sites", signedOut, null).statusCode(), "fresh token works on B");

        assertEquals(204, send(portA, "POST", "/api/v1/auth/logout", signedOut, null).statusCode());
        Thread.sleep(1100); // B's cached token version is at most a second old
        assertEquals(401, send(portB, "GET", "/api/v1/admin/sites", signedOut, null).statusCode(),
                "a token signed out on A is refused on B");

        String again = login(portA, user, password, json);
        assertEquals(200, send(portB, "GET", "/api/v1/admin/sites", again, null).statusCode(), "a new session works on B");
        assertEquals(200, send(portA, "POST", "/api/v1/admin/users/" + user + "/disable", admin, null).statusCode());
        Thread.sleep(1100);
        assertEquals(401, send(portB, "GET", "/api/v1/admin/sites", again, null).statusCode(),
                "a token of an account disabled on A is refused on B");
    }

    static String login(int port, String username, String password, ObjectMapper json) throws Exception {
        HttpResponse<String> r = send(port, "POST", "/api/v1/auth/token", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body()).get("access_token").asText();
    }

    static HttpResponse<String> send(int port, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
