package org.consentledger.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import org.consentledger.config.ConfigService;
import org.consentledger.site.Site;
import org.consentledger.site.SiteService;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Sites and consent events written straight into MariaDB, as the ingest path would leave them. */
public final class OperatorTestData {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OperatorTestData() {
    }

    /** The id of the site, created (with the example banner config as version 1) when missing. */
    public static long site(SiteService sites, ConfigService configs, String siteKey, String name) {
        Optional<Site> existing = sites.findByKey(siteKey);
        if (existing.isPresent()) {
            return existing.get().id;
        }
        Site site = sites.create(siteKey, name, List.of("https://" + siteKey + ".example"), null);
        configs.publish(siteKey, exampleConfig(), "test");
        return site.id;
    }

    /** The banner configuration of the kommunikationstrainer.ai example (analytics with Microsoft Clarity). */
    public static ObjectNode exampleConfig() {
        try (InputStream in = OperatorTestData.class.getClassLoader()
                .getResourceAsStream("demo-sites/kommunikationstrainer.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in).get("config");
        } catch (IOException e) {
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

    /** Event {@code i} of a mixed log: every third one refuses analytics (reject-all), the others accept all. */
    public static String mixedEvent(AgroalDataSource ds, long siteId, String visitorId, int i, Instant recordedAt) {
        boolean refused = i % 3 == 0;
        return event(ds, siteId, visitorId, refused ? "refused" : "given", refused ? "reject-all" : "accept-all",
                "{\"essential\":true,\"analytics\":" + !refused + "}", recordedAt);
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
