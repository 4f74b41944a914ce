import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reference for the consent ingest benchmark: inserts the same consent_event rows the service writes,
 * one per autocommit transaction, from 8 threads, for a fixed time, and prints rows/s.
 * Usage: java -cp mariadb-java-client.jar src/bench/JdbcBaseline.java JDBC_URL USER PASSWORD SITE_KEY SECONDS
 */
public class JdbcBaseline {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        String siteKey = args.length > 3 ? args[3] : "kommunikationstrainer";
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        long siteId;
        String hash;
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT s.id, v.content_hash FROM site s JOIN config_version v ON v.site_id = s.id WHERE s.site_key = ? AND v.version = 1")) {
            ps.setString(1, siteKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                siteId = rs.getLong(1);
                hash = rs.getString(2);
            }
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong rows = new AtomicLong();
        SecureRandom random = new SecureRandom();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = c.prepareStatement("INSERT INTO consent_event (consent_id, site_id,"
                             + " visitor_id, action, method, decisions, config_version, config_hash, language, gpc, page_url,"
                             + " ip_truncated, user_agent, banner_hash, idempotency_key, personal_salt, personal_commitment,"
                             + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    c.setAutoCommit(true);
                    byte[] salt = new byte[32];
                    byte[] commitment = new byte[32];
                    while (running.get()) {
                        String visitor = UUID.randomUUID().toString();
                        random.nextBytes(salt);
                        random.nextBytes(commitment);
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setLong(2, siteId);
                        insert.setString(3, visitor);
                        insert.setString(4, "given");
                        insert.setString(5, "save-settings");
                        insert.setString(6, "{\"analytics\":true,\"essential\":true}");
                        insert.setInt(7, 1);
                        insert.setString(8, hash);
                        insert.setString(9, "de");
                        insert.setBoolean(10, false);
                        insert.setString(11, "https://kommunikationstrainer.ai/de/preise");
                        insert.setString(12, "127.0.0.0");
                        insert.setString(13, "Chrome/131 (Linux)");
                        insert.setString(14, null);
                        insert.setString(15, "bench-" + visitor);
                        insert.setBytes(16, salt);
                        insert.setBytes(17, commitment);
                        insert.setTimestamp(18, Timestamp.from(Instant.now()));
                        insert.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[t].start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("jdbc-autocommit-8-threads rows=%d seconds=%d rows_per_s=%.1f%n", rows.get(), seconds,
                rows.get() / (double) seconds);
    }
}
