package org.consentledger.ledger;

import org.consentledger.platform.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read side of the ledger: checkpoints, consistency proofs and receipts, each from one consistent snapshot. */
@ApplicationScoped
public class LedgerService {

    @Inject
    DataSource dataSource;
    @Inject
    LedgerKeys keys;

    public interface SnapshotWork<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T snapshot(SnapshotWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private LedgerStore.Site site(Connection c, String siteKey) throws SQLException {
        LedgerStore.Site site = LedgerStore.site(c, siteKey);
        if (site == null) {
            throw org.consentledger.platform.ProblemException.notFound("unknown site " + siteKey);
        }
        return site;
    }

    /** Latest signed checkpoint; a freshly signed size-0 checkpoint while the log is empty. */
    public String checkpoint(String siteKey) {
        return snapshot(c -> {
            LedgerStore.Site site = site(c, siteKey);
            LedgerStore.Head head = LedgerStore.head(c, site.id(), "");
            if (head == null || head.checkpointId() == null) {
                return SignedNote.sign(new SignedNote.Checkpoint(keys.origin(siteKey), 0, Merkle.emptyRoot()).text(), keys.signer());
            }
            return LedgerStore.checkpointNote(c, head.checkpointId());
        });
    }

    /** Consistency proof between two tree sizes of a site's log (both at most the current size). */
    public Map<String, Object> consistency(String siteKey, long from, long to) {
        return snapshot(c -> {
            LedgerStore.Site site = site(c, siteKey);
            LedgerStore.Head head = LedgerStore.head(c, site.id(), "");
            long size = head == null ? 0 : head.treeSize();
            if (from < 0 || to < from || to > size) {
                throw org.consentledger.platform.ProblemException.badRequest("need 0 <= from <= to <= " + size + " (current tree size)");
            }
            Merkle.NodeReader reader = LedgerStore.reader(c, site.id());
            List<byte[]> proof = Merkle.resolve(Merkle.consistencyRanges(from, to), reader);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("siteKey", siteKey);
            out.put("from", from);
            out.put("to", to);
            out.put("fromRoot", b64(Merkle.root(from, reader)));
            out.put("toRoot", b64(Merkle.root(to, reader)));
            out.put("proof", b64List(proof));
            String fromNote = LedgerStore.checkpointNoteAtSize(c, site.id(), from);
            String toNote = LedgerStore.checkpointNoteAtSize(c, site.id(), to);
            out.put("fromCheckpoint", fromNote);
            out.put("toCheckpoint", toNote);
            return out;
        });
    }

    /** Everything a receipt shows (JSON body plus what the HTML page needs). */
    public record Receipt(Map<String, Object> json, String siteName, String status, Map<String, Object> decisions,
                          String action, String method, int configVersion, String configHash, String bannerHash,
                          String recordedAt, String language, boolean gpc, Long leafIndex, Long treeSize) {
    }

    public Receipt receipt(String consentId) {
        return snapshot(c -> {
            LedgerStore.EventRow e;
            String siteKey;
            String siteName;
            Long leafIndex = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.EVENT_COLUMNS
                    + ", s.site_key, s.name, l.leaf_index FROM consent_event e JOIN site s ON s.id = e.site_id"
                    + " LEFT JOIN ledger_leaf l ON l.event_id = e.id AND l.site_id = e.site_id WHERE e.consent_id = ?")) {
                ps.setString(1, consentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw org.consentledger.platform.ProblemException.notFound("no consent with id " + consentId);
                    }
                    e = LedgerStore.event(rs, 1);
                    siteKey = rs.getString(LedgerStore.EVENT_COLUMN_COUNT + 1);
                    siteName = rs.getString(LedgerStore.EVENT_COLUMN_COUNT + 2);
                    long li = rs.getLong(LedgerStore.EVENT_COLUMN_COUNT + 3);
                    if (!rs.wasNull()) {
                        leafIndex = li;
                    }
                }
            }
            LeafCodec.ConsentRow row = e.leafRow(siteKey);
            Map<String, Object> fields = LeafCodec.consentFields(row);
            byte[] leaf = CanonicalJson.bytes(fields);
            Map<String, Object> json = new TreeMap<>();
            json.put("consentId", e.consentId());
            json.put("siteKey", siteKey);
            json.put("event", fields);
            json.put("leaf", Base64.getEncoder().encodeToString(leaf));
            Long treeSize = null;
            LedgerStore.Head head = leafIndex == null ? null : LedgerStore.head(c, e.siteId(), "");
            if (head != null && head.checkpointId() != null && leafIndex < head.treeSize()) {
                treeSize = head.treeSize();
                List<byte[]> proof = Merkle.resolve(Merkle.inclusionRanges(leafIndex, treeSize), LedgerStore.reader(c, e.siteId()));
                json.put("status", "sealed");
                json.put("leafIndex", leafIndex);
                json.put("treeSize", treeSize);
                json.put("inclusionProof", b64List(proof));
                json.put("checkpoint", LedgerStore.checkpointNote(c, head.checkpointId()));
            } else {
                leafIndex = null;
                json.put("status", "pending");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> decisions = (Map<String, Object>) fields.get("decisions");
            return new Receipt(json, siteName, (String) json.get("status"), decisions, e.action(), e.method(),
                    e.configVersion(), e.configHash(), e.bannerHash(), (String) fields.get("recordedAt"), e.language(),
                    e.gpc(), leafIndex, treeSize);
        });
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static List<Object> b64List(List<byte[]> hashes) {
        List<Object> out = new ArrayList<>(hashes.size());
        hashes.forEach(h -> out.add(b64(h)));
        return out;
    }
}
