package org.consentledger.operator;

import io.agroal.api.AgroalDataSource;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Sites and consent events written straight into MariaDB, as the ingest path would leave them. */
public final class OperatorTestData {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OperatorTestData() {
    }

    /** The id of the site, created when missing. */
    public static long site(AgroalDataSource ds, String siteKey, String name) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM site WHERE site_key = ?")) {
                s.setString(1, siteKey);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site (site_key, name, allowed_origins, "
                    + "retention_days, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, siteKey);
                s.setString(2, name);
                s.setString(3, "[\"https://" + siteKey + ".example\"]");
                s.setInt(4, 1095);
                s.setTimestamp(5, Timestamp.from(Instant.now()));
                s.executeUpdate();
                try (ResultSet rs = s.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts one consent event and returns its consent id. */
    public static String event(AgroalDataSource ds, long siteId, String visitorId, String action, String method,
            String decisionsJson, Instant recordedAt) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            String consentId = UUID.randomUUID().toString();
            bindEvent(s, consentId, siteId, visitorId, action, method, decisionsJson, recordedAt);
            s.executeUpdate();
            return consentId;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final String INSERT = "INSERT INTO consent_event (consent_id, site_id, visitor_id, action, method, "
            + "decisions, config_version, config_hash, language, gpc, page_url, ip_truncated, user_agent, "
            + "personal_salt, personal_commitment, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, 'de', false, ?, ?, ?, ?, ?, ?)";

    public static void bindEvent(PreparedStatement s, String consentId, long siteId, String visitorId, String action,
            String method, String decisionsJson, Instant recordedAt) throws SQLException {
        byte[] salt = new byte[32];
        byte[] commitment = new byte[32];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(commitment);
        s.setString(1, consentId);
        s.setLong(2, siteId);
        s.setString(3, visitorId);
        s.setString(4, action);
        s.setString(5, method);
        s.setString(6, decisionsJson);
        s.setString(7, "ab".repeat(32));
        s.setString(8, "https://example.test/de/preise");
        s.setString(9, "203.0.113.0/24");
        s.setString(10, "Firefox 140 / Linux");
        s.setBytes(11, salt);
        s.setBytes(12, commitment);
        s.setTimestamp(13, Timestamp.from(recordedAt));
    }
}
