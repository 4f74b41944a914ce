package org.consentledger.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of tampering with stored rows is found and named by the verification. */
@QuarkusTest
class LedgerTamperTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Sealer sealer;
    @Inject
    VerificationService verifier;

    VerificationService.Result verify(String siteKey) {
        return verifier.verify(siteKey, null);
    }

    void assertOk(String siteKey) {
        VerificationService.Result r = verify(siteKey);
        assertTrue(r.ok(), r.summary());
    }

    void assertBadLeaf(String siteKey, long leaf, String what) {
        VerificationService.Result r = verify(siteKey);
        assertFalse(r.ok(), what + " was not detected");
        assertEquals(leaf, r.firstBadLeaf(), what + ": " + r.summary());
    }

    void assertBadCheckpoint(String siteKey, long size, String what) {
        VerificationService.Result r = verify(siteKey);
        assertFalse(r.ok(), what + " was not detected");
        assertEquals(size, r.badCheckpointSize(), what + ": " + r.summary());
        assertNull(r.firstBadLeaf(), what + ": " + r.summary());
    }

    @Test
    void everyTamperingIsNamed() throws Exception {
        String site = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, site, 365);
            long otherSite = LedgerTestSupport.createSite(c, site + "-b", 365);
            // 300 events in three sealing batches: crosses a level-0 tile and creates a level-1 tile
            for (int batch = 0; batch < 3; batch++) {
                for (int i = 0; i < 100; i++) {
                    LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(),
                            i % 2 == 0 ? "{\"essential\":true,\"analytics\":true}" : "{\"essential\":true,\"analytics\":false}",
                            Instant.now().minusSeconds(7200)); // older than the ingest grace: low-water mark passes them
                }
                // some events carry per-service decisions (an objection): their leaves include them
                LedgerTestSupport.exec(c, "UPDATE consent_event SET service_decisions = '{\"vercel\":false}' "
                        + "WHERE site_id = ? AND service_decisions IS NULL ORDER BY id DESC LIMIT 30", siteId);
                sealer.sealAll();
            }
            assertEquals(300, LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId));
            assertOk(site);

            long eventAt7 = LedgerTestSupport.count(c, "SELECT event_id FROM ledger_leaf WHERE site_id = ? AND leaf_index = 7", siteId);
            LedgerTestSupport.exec(c, "CREATE TEMPORARY TABLE backup_event AS SELECT * FROM consent_event WHERE id = ?", eventAt7);

            Map<String, String> fieldTampering = new LinkedHashMap<>();
            fieldTampering.put("consent_id", "consent_id = UUID()");
            fieldTampering.put("site_id", "site_id = " + otherSite);
            fieldTampering.put("visitor_id", "visitor_id = UUID()");
            fieldTampering.put("action", "action = 'refused'");
            fieldTampering.put("method", "method = 'api'");
            fieldTampering.put("decisions", "decisions = '{\"essential\":true,\"analytics\":true,\"marketing\":true}'");
            fieldTampering.put("config_version", "config_version = config_version + 1");
            fieldTampering.put("config_hash", "config_hash = REPEAT('c', 64)");
            fieldTampering.put("language", "language = 'en'");
            fieldTampering.put("gpc", "gpc = NOT gpc");
            fieldTampering.put("ip_truncated", "ip_truncated = '198.51.100.0'");
            fieldTampering.put("user_agent", "user_agent = 'curl/8'");
            fieldTampering.put("banner_hash", "banner_hash = REPEAT('d', 64)");
            fieldTampering.put("personal_salt", "personal_salt = UNHEX(SHA2('salt', 256))");
            fieldTampering.put("personal_commitment", "personal_commitment = UNHEX(SHA2('x', 256))");
            fieldTampering.put("recorded_at", "recorded_at = recorded_at + INTERVAL 1 MICROSECOND");
            fieldTampering.put("service_decisions", "service_decisions = '{\"vercel\":true}'");
            fieldTampering.put("salt and personal fields removed (erasure without record)",
                    "personal_salt = NULL, visitor_id = NULL, ip_truncated = NULL, user_agent = NULL");
            for (Map.Entry<String, String> t : fieldTampering.entrySet()) {
                LedgerTestSupport.exec(c, "UPDATE consent_event SET " + t.getValue() + " WHERE id = ?", eventAt7);
                assertBadLeaf(site, 7, "changed " + t.getKey());
                LedgerTestSupport.exec(c, "DELETE FROM consent_event WHERE id = ?", eventAt7);
                LedgerTestSupport.exec(c, "INSERT INTO consent_event SELECT * FROM backup_event");
                assertOk(site);
            }

            // delete an event row
            LedgerTestSupport.exec(c, "DELETE FROM consent_event WHERE id = ?", eventAt7);
            assertBadLeaf(site, 7, "deleted event row");
            LedgerTestSupport.exec(c, "INSERT INTO consent_event SELECT * FROM backup_event");
            assertOk(site);

            // delete a leaf row
            LedgerTestSupport.exec(c, "DELETE FROM ledger_leaf WHERE site_id = ? AND leaf_index = 7", siteId);
            assertBadLeaf(site, 7, "deleted leaf row");
            LedgerTestSupport.exec(c, "INSERT INTO ledger_leaf (site_id, leaf_index, event_id, sealed_at) VALUES (?, 7, ?, NOW(6))", siteId, eventAt7);
            assertOk(site);

            // swap two rows
            long eventAt9 = LedgerTestSupport.count(c, "SELECT event_id FROM ledger_leaf WHERE site_id = ? AND leaf_index = 9", siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET event_id = NULL WHERE site_id = ? AND leaf_index = 9", siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET event_id = ? WHERE site_id = ? AND leaf_index = 7", eventAt9, siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET event_id = ? WHERE site_id = ? AND leaf_index = 9", eventAt7, siteId);
            assertBadLeaf(site, 7, "swapped rows");
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET event_id = NULL WHERE site_id = ? AND leaf_index = 9", siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET event_id = ? WHERE site_id = ? AND leaf_index = 7", eventAt7, siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET event_id = ? WHERE site_id = ? AND leaf_index = 9", eventAt9, siteId);
            assertOk(site);

            // insert a forged row in the middle (shifting the later leaves) ...
            LedgerTestSupport.insertEvent(c, otherSite, UUID.randomUUID().toString(), "{\"essential\":true}", Instant.now().minusSeconds(7200));
            sealer.sealAll(); // sealed in the other site, then moved over by the forger
            long forged = LedgerTestSupport.count(c, "SELECT MAX(id) FROM consent_event WHERE site_id = ?", otherSite);
            LedgerTestSupport.exec(c, "DELETE FROM ledger_leaf WHERE event_id = ?", forged);
            LedgerTestSupport.exec(c, "UPDATE consent_event SET site_id = ? WHERE id = ?", siteId, forged);
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET leaf_index = leaf_index + 1 WHERE site_id = ? AND leaf_index >= 5 ORDER BY leaf_index DESC", siteId);
            LedgerTestSupport.exec(c, "INSERT INTO ledger_leaf (site_id, leaf_index, event_id, sealed_at) VALUES (?, 5, ?, NOW(6))", siteId, forged);
            assertBadLeaf(site, 5, "inserted row");
            LedgerTestSupport.exec(c, "DELETE FROM ledger_leaf WHERE site_id = ? AND leaf_index = 5", siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_leaf SET leaf_index = leaf_index - 1 WHERE site_id = ? AND leaf_index >= 6 ORDER BY leaf_index ASC", siteId);
            assertOk(site);
            // ... or appended after the last signed checkpoint
            LedgerTestSupport.exec(c, "INSERT INTO ledger_leaf (site_id, leaf_index, event_id, sealed_at) VALUES (?, 300, ?, NOW(6))", siteId, forged);
            assertBadLeaf(site, 300, "appended row");
            LedgerTestSupport.exec(c, "DELETE FROM ledger_leaf WHERE site_id = ? AND leaf_index = 300", siteId);
            LedgerTestSupport.exec(c, "DELETE FROM consent_event WHERE id = ?", forged);
            assertOk(site);

            // edit a stored leaf hash (level-0 tile 1, entry 3 = leaf 259)
            LedgerTestSupport.exec(c, "CREATE TEMPORARY TABLE backup_tile AS SELECT * FROM ledger_tile WHERE site_id = ?", siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_tile SET hashes = INSERT(hashes, 3 * 32 + 1, 1, 'X') WHERE site_id = ? AND level = 0 AND tile_index = 1", siteId);
            assertBadLeaf(site, 259, "edited leaf hash");
            restoreTiles(c, siteId);
            // edit an interior hash (level-1 tile: root of leaves 0..255)
            LedgerTestSupport.exec(c, "UPDATE ledger_tile SET hashes = INSERT(hashes, 5, 1, 'X') WHERE site_id = ? AND level = 1 AND tile_index = 0", siteId);
            VerificationService.Result r = verify(site);
            assertFalse(r.ok());
            assertEquals(0L, r.firstBadLeaf(), r.summary());
            assertTrue(r.reason().contains("leaves 0..255"), r.summary());
            restoreTiles(c, siteId);
            assertOk(site);

            // edit a checkpoint: its note text, or its stored root column
            long cpSize = LedgerTestSupport.count(c, "SELECT MIN(tree_size) FROM ledger_checkpoint WHERE site_id = ? AND tree_size > 100", siteId);
            LedgerTestSupport.exec(c, "CREATE TEMPORARY TABLE backup_cp AS SELECT * FROM ledger_checkpoint WHERE site_id = ?", siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_checkpoint SET note = REPLACE(note, '\\n" + cpSize + "\\n', '\\n" + (cpSize + 1) + "\\n') WHERE site_id = ? AND tree_size = ?", siteId, cpSize);
            assertBadCheckpoint(site, cpSize, "edited checkpoint note");
            restoreCheckpoints(c, siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_checkpoint SET root_hash = UNHEX(SHA2('r', 256)) WHERE site_id = ? AND tree_size = ?", siteId, cpSize);
            assertBadCheckpoint(site, cpSize, "edited checkpoint root");
            restoreCheckpoints(c, siteId);
            assertOk(site);
        }
    }

    private static void restoreTiles(Connection c, long siteId) throws Exception {
        LedgerTestSupport.exec(c, "DELETE FROM ledger_tile WHERE site_id = ?", siteId);
        LedgerTestSupport.exec(c, "INSERT INTO ledger_tile SELECT * FROM backup_tile");
    }

    private static void restoreCheckpoints(Connection c, long siteId) throws Exception {
        LedgerTestSupport.exec(c, "DELETE FROM ledger_checkpoint WHERE site_id = ?", siteId);
        LedgerTestSupport.exec(c, "INSERT INTO ledger_checkpoint SELECT * FROM backup_cp");
    }
}
