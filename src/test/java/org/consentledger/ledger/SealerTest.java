package org.consentledger.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background sealer, without explicit sealing calls: recent passes and the rescan for late commits. */
@QuarkusTest
class SealerTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    VerificationService verifier;

    @Test
    void eventsAreSealedInTheBackgroundAndALateCommitByTheRescan() throws Exception {
        String siteKey = "sealer-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, siteKey, 0);
            // committed now but recorded 30 s ago (a transaction that took that long): older than the recent passes
            // look, younger than the ingest grace period, so only the rescan can find it
            LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}",
                    Instant.now().minusSeconds(30));
            LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}", Instant.now());
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                    LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_leaf WHERE site_id = ?", siteId) == 2);
            assertEquals(2, LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId));
        }
        VerificationService.Result r = verifier.verify(siteKey, null);
        assertTrue(r.ok(), r.summary());
    }
}
