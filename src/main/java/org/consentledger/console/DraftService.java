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
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Unpublished drafts of a site's banner configuration. A draft id is 128 random bits: the preview page's banner
 * fetches the draft config without credentials, so the id itself is the capability. A draft is kept until it is
 * published or discarded; saving in the editor updates the same draft.
 */
@ApplicationScoped
public class DraftService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    public record Draft(String id, long siteId, ObjectNode content, String createdBy, Instant createdAt, Instant updatedAt) {
    }

    /** Saves {@code content} as a new draft and returns its id. */
    public String save(long siteId, ObjectNode content, String actor) {
        return save(siteId, null, content, actor);
    }

    /** Updates the draft {@code id} of the site in place, or saves a new one when there is no such draft. */
    public String save(long siteId, String id, ObjectNode content, String actor) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            String json = mapper.writeValueAsString(content);
            if (id != null && id.matches("[0-9a-f]{32}")) {
                try (PreparedStatement u = c.prepareStatement(
                        "UPDATE console_draft SET content = ?, updated_at = ? WHERE id = ? AND site_id = ?")) {
                    u.setString(1, json);
                    u.setTimestamp(2, Timestamp.from(now));
                    u.setString(3, id);
                    u.setLong(4, siteId);
                    if (u.executeUpdate() == 1) {
                        return id;
                    }
                }
            }
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String fresh = HexFormat.of().formatHex(bytes);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO console_draft (id, site_id, content, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, fresh);
                s.setLong(2, siteId);
                s.setString(3, json);
                s.setString(4, actor);
                s.setTimestamp(5, Timestamp.from(now));
                s.setTimestamp(6, Timestamp.from(now));
                s.executeUpdate();
            }
            return fresh;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The draft if it exists and belongs to the site. */
    public Optional<Draft> find(String id, long siteId) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return query("SELECT id, content, created_by, created_at, updated_at FROM console_draft WHERE id = ? AND site_id = ?",
                id, siteId);
    }

    /** The site's most recently saved open draft, if any. */
    public Optional<Draft> latest(long siteId) {
        return query("SELECT id, content, created_by, created_at, updated_at FROM console_draft WHERE site_id = ?"
                + " ORDER BY updated_at DESC, created_at DESC LIMIT 1", null, siteId);
    }

    /** Deletes the draft (after publishing it, or when the operator discards it); true when there was one. */
    public boolean discard(String id, long siteId) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM console_draft WHERE id = ? AND site_id = ?")) {
            s.setString(1, id);
            s.setLong(2, siteId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Draft> query(String sql, String id, long siteId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (id != null) {
                s.setString(i++, id);
            }
            s.setLong(i, siteId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp updated = rs.getTimestamp(5);
                Instant created = rs.getTimestamp(4).toInstant();
                return Optional.of(new Draft(rs.getString(1), siteId, (ObjectNode) mapper.readTree(rs.getString(2)),
                        rs.getString(3), created, updated == null ? created : updated.toInstant()));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
