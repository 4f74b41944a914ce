package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC access shared by sealer, proofs and verification (all on a caller-managed connection). */
final class LedgerStore {

    /** Columns of consent_event read for a leaf, aliased e. Append "FROM consent_event e ...". */
    static final String EVENT_COLUMNS = "e.id, e.site_id, e.consent_id, e.action, e.method, e.decisions, e.config_version, "
            + "e.config_hash, e.language, e.gpc, e.banner_hash, e.personal_commitment, CAST(UNIX_TIMESTAMP(e.recorded_at) * 1000000 AS SIGNED), "
            + "e.visitor_id, e.ip_truncated, e.user_agent, e.personal_salt, e.service_decisions";
    static final int EVENT_COLUMN_COUNT = 18;

    static final String ERASURE_COLUMNS = "r.id, r.site_id, r.erasure_id, r.consent_ids, r.actor, CAST(UNIX_TIMESTAMP(r.recorded_at) * 1000000 AS SIGNED)";

    private LedgerStore() {
    }

    record Site(long id, String siteKey, int retentionDays) {
    }

    /** A consent_event row as stored. */
    record EventRow(long id, long siteId, String consentId, String action, String method, String decisions,
                    int configVersion, String configHash, String language, boolean gpc, String bannerHash,
                    byte[] commitment, long recordedAtMicros, String visitorId, String ipTruncated,
                    String userAgent, byte[] salt, String services) {

        LeafCodec.ConsentRow leafRow(String siteKey) {
            return new LeafCodec.ConsentRow(siteKey, consentId, action, method, decisions, configVersion, configHash,
                    language, gpc, bannerHash, commitment, recordedAtMicros, services);
        }
    }

    record ErasureRecord(long id, long siteId, String erasureId, String consentIdsJson, String actor, long recordedAtMicros) {
        LeafCodec.ErasureRow leafRow(String siteKey) {
            return new LeafCodec.ErasureRow(siteKey, erasureId, LeafCodec.stringList(consentIdsJson), actor, recordedAtMicros);
        }
    }

    static EventRow event(ResultSet rs, int o) throws SQLException {
        return new EventRow(rs.getLong(o), rs.getLong(o + 1), rs.getString(o + 2), rs.getString(o + 3), rs.getString(o + 4),
                rs.getString(o + 5), rs.getInt(o + 6), rs.getString(o + 7), rs.getString(o + 8), rs.getBoolean(o + 9),
                rs.getString(o + 10), rs.getBytes(o + 11), rs.getLong(o + 12), rs.getString(o + 13),
                rs.getString(o + 14), rs.getString(o + 15), rs.getBytes(o + 16), rs.getString(o + 17));
    }

    static ErasureRecord erasure(ResultSet rs, int o) throws SQLException {
        return new ErasureRecord(rs.getLong(o), rs.getLong(o + 1), rs.getString(o + 2), rs.getString(o + 3), rs.getString(o + 4),
                rs.getLong(o + 5));
    }

    static Site site(Connection c, String siteKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, site_key, retention_days FROM site WHERE site_key = ?")) {
            ps.setString(1, siteKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Site(rs.getLong(1), rs.getString(2), rs.getInt(3)) : null;
            }
        }
    }

    static List<Site> sites(Connection c) throws SQLException {
        List<Site> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, site_key, retention_days FROM site ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Site(rs.getLong(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return out;
    }

    /** Fetches tiles in one statement. */
    static Map<Tiles.TileId, byte[]> tiles(Connection c, long siteId, Collection<Tiles.TileId> ids) {
        Map<Tiles.TileId, byte[]> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT level, tile_index, hashes FROM ledger_tile WHERE site_id = ? AND (level, tile_index) IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        sql.append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            ps.setLong(p++, siteId);
            for (Tiles.TileId id : ids) {
                ps.setInt(p++, id.level());
                ps.setLong(p++, id.index());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Tiles.TileId(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static Merkle.NodeReader reader(Connection c, long siteId) {
        return Tiles.reader(ids -> tiles(c, siteId, ids));
    }

    record Head(long treeSize, byte[] root, Long checkpointId, long lowWater, long purgedBelow) {
    }

    static Head head(Connection c, long siteId, String lockClause) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, checkpoint_id, sealed_low_water, purged_below "
                + "FROM ledger_head WHERE site_id = ?" + lockClause)) {
            ps.setLong(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long cp = rs.getLong(3);
                Long checkpointId = rs.wasNull() ? null : cp;
                return new Head(rs.getLong(1), rs.getBytes(2), checkpointId, rs.getLong(4), rs.getLong(5));
            }
        }
    }

    static String checkpointNote(Connection c, long checkpointId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT note FROM ledger_checkpoint WHERE id = ?")) {
            ps.setLong(1, checkpointId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String checkpointNoteAtSize(Connection c, long siteId, long size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT note FROM ledger_checkpoint WHERE site_id = ? AND tree_size = ?")) {
            ps.setLong(1, siteId);
            ps.setLong(2, size);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
