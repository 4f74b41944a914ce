package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Direct JDBC fixtures for ledger tests: sites and consent_event rows exactly as the ingest writes them. */
final class LedgerTestSupport {

    private LedgerTestSupport() {
    }

    static long createSite(Connection c, String siteKey, int retentionDays) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO site (site_key, name, allowed_origins, retention_days, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, siteKey);
            ps.setString(2, "Test site " + siteKey);
            ps.setString(3, "[\"https://" + siteKey + ".example\"]"); // a JSON array, as SiteService stores it
            ps.setInt(4, retentionDays);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String insertEvent(Connection c, long siteId, String visitorId, String decisions, Instant recordedAt) throws SQLException {
        String consentId = UUID.randomUUID().toString();
        byte[] salt = PersonalCommitment.newSalt();
        String ip = "203.0.113.0";
        String ua = "Mozilla/5.0 (X11; Linux x86_64) Test";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_event (consent_id, site_id, visitor_id, action, method, "
                + "decisions, config_version, config_hash, language, gpc, page_url, ip_truncated, user_agent, banner_hash, "
                + "idempotency_key, personal_salt, personal_commitment, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, consentId);
            ps.setLong(2, siteId);
            ps.setString(3, visitorId);
            ps.setString(4, decisions.contains("false") ? "partial" : "given");
            ps.setString(5, decisions.contains("false") ? "save-settings" : "accept-all");
            ps.setString(6, decisions);
            ps.setInt(7, 1);
            ps.setString(8, "a".repeat(64));
            ps.setString(9, "de");
            ps.setBoolean(10, false);
            ps.setString(11, "https://example.test/");
            ps.setString(12, ip);
            ps.setString(13, ua);
            ps.setString(14, "b".repeat(64));
            ps.setNull(15, java.sql.Types.VARCHAR);
            ps.setBytes(16, salt);
            ps.setBytes(17, PersonalCommitment.compute(salt, visitorId, ip, ua));
            ps.setTimestamp(18, Timestamp.from(recordedAt.truncatedTo(ChronoUnit.MICROS)));
            ps.executeUpdate();
        }
        return consentId;
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
