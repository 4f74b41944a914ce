package org.consentledger.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Unpublished drafts of a site's banner configuration. A draft id is 128 random bits: the preview page's banner
 * fetches the draft config without credentials, so the id itself is the capability. Drafts expire after a day.
 */
@ApplicationScoped
public class DraftService {

    static final Duration LIFETIME = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    public record Draft(String id, long siteId, ObjectNode content, String createdBy, Instant createdAt) {
    }

    public String save(long siteId, ObjectNode content, String actor) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM console_draft WHERE created_at < ?")) {
                purge.setTimestamp(1, Timestamp.from(Instant.now().minus(LIFETIME)));
                purge.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO console_draft (id, site_id, content, created_by, created_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setLong(2, siteId);
                s.setString(3, mapper.writeValueAsString(content));
                s.setString(4, actor);
                s.setTimestamp(5, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            return id;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The draft if it exists, belongs to the site and has not expired. */
    public Optional<Draft> find(String id, long siteId) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT content, created_by, created_at FROM console_draft WHERE id = ? AND site_id = ? AND created_at >= ?")) {
            s.setString(1, id);
            s.setLong(2, siteId);
            s.setTimestamp(3, Timestamp.from(Instant.now().minus(LIFETIME)));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Draft(id, siteId, (ObjectNode) mapper.readTree(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant()));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
