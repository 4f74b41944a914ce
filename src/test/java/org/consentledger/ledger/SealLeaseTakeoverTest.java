package org.consentledger.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: one sealer per site across instances (ledger_seal_lease), on one server with two connections. Another
 * instance holds a site's lease and crashes in the middle of a sealing transaction (its connection is gone, the
 * transaction rolled back). While its lease is valid this instance leaves the site alone; once the lease has expired
 * it takes the site over and seals every event exactly once, gap-free, and the log verifies.
 */
@QuarkusTest
class SealLeaseTakeoverTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Sealer sealer;
    @Inject
    VerificationService verifier;

    @Test
    void aCrashedSealersLeaseExpiresAndThisInstanceSealsTheSiteWithoutGapOrDuplicate() throws Exception {
        String siteKey = "lease-" + UUID.randomUUID().toString().substring(0, 8);
        String crashedOwner = "crashed-instance-" + UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, siteKey, 0);
            LedgerStore.Site site = new LedgerStore.Site(siteId, siteKey, 0);
            // the other instance took the lease before any event existed, so this instance never held it
            LedgerTestSupport.exec(c, "INSERT INTO ledger_seal_lease (site_id, owner, expires_at) VALUES (?, ?, NOW(6) + INTERVAL 1 HOUR)",
                    siteId, crashedOwner);
            LedgerTestSupport.exec(c, "INSERT INTO ledger_head (site_id, tree_size, root_hash, updated_at) VALUES (?, 0, ?, NOW(6))",
                    siteId, Merkle.emptyRoot());
            List<Long> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}", Instant.now());
            }
            events.addAll(ids(c, siteId));

            // the other instance's sealing transaction: head locked, leaves written, then the process dies (the
            // server sees its connection drop and rolls the transaction back)
            Config config = ConfigProvider.getConfig();
            Connection crashed = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getOptionalValue("quarkus.datasource.username", String.class).orElse("root"),
                    config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
            crashed.setAutoCommit(false);
            LedgerTestSupport.count(crashed, "SELECT tree_size FROM ledger_head WHERE site_id = ? FOR UPDATE", siteId);
            for (int i = 0; i < 3; i++) {
                LedgerTestSupport.exec(crashed, "INSERT INTO ledger_leaf (site_id, leaf_index, event_id, sealed_at) VALUES (?, ?, ?, NOW(6))",
                        siteId, i, events.get(i));
            }
            long crashedThread = LedgerTestSupport.count(crashed, "SELECT CONNECTION_ID()");
            crashed.abort(Runnable::run);
            await().atMost(Duration.ofSeconds(30)).until(() -> LedgerTestSupport.count(c,
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", crashedThread) == 0);

            // while the crashed instance's lease is valid, this instance does not seal the site
            assertEquals(0, sealer.sealSite(site), "sealed although another instance holds the lease");
            assertEquals(0, LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_leaf WHERE site_id = ?", siteId),
                    "the crashed sealing transaction left no leaves behind");
            assertEquals(crashedOwner, owner(c, siteId));

            // the lease runs out (the crashed instance no longer renews it): the background sealer takes the site over
            LedgerTestSupport.exec(c, "UPDATE ledger_seal_lease SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE site_id = ?", siteId);
            LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}", Instant.now());
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                    LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_leaf WHERE site_id = ?", siteId) == 6);
            assertNotEquals(crashedOwner, owner(c, siteId), "this instance holds the lease now");

            assertEquals(6, LedgerTestSupport.count(c, "SELECT COUNT(DISTINCT leaf_index) FROM ledger_leaf WHERE site_id = ?", siteId),
                    "no duplicate leaf index");
            assertEquals(5, LedgerTestSupport.count(c, "SELECT MAX(leaf_index) FROM ledger_leaf WHERE site_id = ?", siteId),
                    "no missing leaf index");
            assertEquals(6, LedgerTestSupport.count(c, "SELECT COUNT(DISTINCT event_id) FROM ledger_leaf WHERE site_id = ?", siteId),
                    "every event sealed exactly once");
            assertEquals(6, LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId));
        }
        VerificationService.Result r = verifier.verify(siteKey, null);
        assertTrue(r.ok(), r.summary());
        assertEquals(6, r.leavesVerified());
    }

    static List<Long> ids(Connection c, long siteId) throws Exception {
        List<Long> out = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT id FROM consent_event WHERE site_id = ? ORDER BY id")) {
            ps.setLong(1, siteId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    static String owner(Connection c, long siteId) throws Exception {
        try (var ps = c.prepareStatement("SELECT owner FROM ledger_seal_lease WHERE site_id = ?")) {
            ps.setLong(1, siteId);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }
}
