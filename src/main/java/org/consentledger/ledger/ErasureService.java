package org.consentledger.ledger;

import org.consentledger.platform.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Art. 17 erasure that keeps the ledger verifiable: nulls the visitor's personal fields and their salt
 * (the sealed commitment stays and now reveals nothing), and records the erasure as its own ledger leaf
 * listing the affected consent ids (never the visitor id).
 */
@ApplicationScoped
public class ErasureService {

    @Inject
    DataSource dataSource;

    /** Result of an erasure; {@code erasureId} is null when the visitor had no events. */
    public record ErasureResult(int eventsErased, String erasureId, List<String> consentIds) {
    }

    @Transactional
    public ErasureResult eraseVisitor(String siteKey, String visitorId, String actor) {
        if (visitorId == null || visitorId.isBlank()) {
            throw new IllegalArgumentException("visitor id is required");
        }
        try (Connection c = dataSource.getConnection()) {
            LedgerStore.Site site = LedgerStore.site(c, siteKey);
            if (site == null) {
                throw org.consentledger.platform.ProblemException.notFound("unknown site " + siteKey);
            }
            List<String> consentIds = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT consent_id FROM consent_event WHERE site_id = ? AND visitor_id = ? ORDER BY id FOR UPDATE")) {
                ps.setLong(1, site.id());
                ps.setString(2, visitorId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consentIds.add(rs.getString(1));
                    }
                }
            }
            if (consentIds.isEmpty()) {
                return new ErasureResult(0, null, List.of());
            }
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE consent_event SET visitor_id = NULL, ip_truncated = NULL, "
                    + "user_agent = NULL, personal_salt = NULL WHERE site_id = ? AND visitor_id = ?")) {
                ps.setLong(1, site.id());
                ps.setString(2, visitorId);
                n = ps.executeUpdate();
            }
            String erasureId = UUID.randomUUID().toString();
            List<String> sorted = new ArrayList<>(consentIds);
            sorted.sort(null);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_erasure (erasure_id, site_id, consent_ids, actor, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, erasureId);
                ps.setLong(2, site.id());
                ps.setString(3, CanonicalJson.string(sorted));
                ps.setString(4, actor == null || actor.isBlank() ? "unknown" : actor);
                ps.setTimestamp(5, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
                ps.executeUpdate();
            }
            return new ErasureResult(n, erasureId, sorted);
        } catch (SQLException e) {
            throw new IllegalStateException("erasure failed: " + e.getMessage(), e);
        }
    }
}
