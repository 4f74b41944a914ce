package org.consentledger.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Old checkpoints are thinned; the log, its latest checkpoint, receipts and proofs still verify. */
@QuarkusTest
class CheckpointThinningTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Sealer sealer;
    @Inject
    CheckpointThinning thinning;
    @Inject
    VerificationService verifier;

    @Test
    void thinsOldCheckpointsAndTheLogStillVerifies() throws Exception {
        String siteKey = "thin-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> sizes = new ArrayList<>();
        String firstConsent;
        String headNote;
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, siteKey, 0);
            LedgerStore.Site site = new LedgerStore.Site(siteId, siteKey, 0);
            firstConsent = LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}", Instant.now());
            sealer.sealSite(site);
            for (int i = 0; i < 11; i++) {
                LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}", Instant.now());
                sealer.sealSite(site); // one checkpoint each (the background sealer may take one first: then it signs it)
            }
            // the background sealer may still be committing a pass it took over: wait until every event is sealed and
            // its checkpoint stored, so that no checkpoint appears after the list below
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (LedgerTestSupport.count(c, "SELECT COALESCE(MAX(tree_size), 0) FROM ledger_checkpoint WHERE site_id = ?", siteId) < 12
                    && System.nanoTime() < deadline) {
                sealer.sealSite(site);
                Thread.sleep(100);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT tree_size FROM ledger_checkpoint WHERE site_id = ? ORDER BY tree_size")) {
                ps.setLong(1, siteId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sizes.add(rs.getLong(1));
                    }
                }
            }
            assertTrue(sizes.size() >= 5, "expected a checkpoint per sealing pass, got " + sizes);
            // backdate: the first half within one hour three days ago, the rest but the last within one minute two
            // hours ago, the last one now
            Instant hour = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            Instant minute = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
            int half = sizes.size() / 2;
            for (int i = 0; i < sizes.size() - 1; i++) {
                Instant at = i < half ? hour.plusSeconds(60L * i) : minute.plusSeconds(i - half);
                LedgerTestSupport.exec(c, "UPDATE ledger_checkpoint SET created_at = ? WHERE site_id = ? AND tree_size = ?",
                        Timestamp.from(at), siteId, sizes.get(i));
            }
            headNote = given().get("/api/v1/ledger/{site}/checkpoint", siteKey).then().statusCode(200).extract().asString();

            thinning.thinAll(Instant.now());

            List<Long> left = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tree_size FROM ledger_checkpoint WHERE site_id = ? ORDER BY tree_size")) {
                ps.setLong(1, siteId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        left.add(rs.getLong(1));
                    }
                }
            }
            assertEquals(List.of(sizes.get(half - 1), sizes.get(sizes.size() - 2), sizes.get(sizes.size() - 1)), left,
                    "the last checkpoint of the old hour, of the recent minute, and the current one stay");
            assertEquals(0, thinning.thinAll(Instant.now()), "thinning again changes nothing");
            assertEquals(headNote, given().get("/api/v1/ledger/{site}/checkpoint", siteKey).then().statusCode(200).extract().asString());
        }

        VerificationService.Result result = verifier.verify(siteKey, null);
        assertTrue(result.ok(), result.summary());
        assertEquals(3, result.checkpointsVerified());

        LedgerFlowTest.assertReceiptVerifies(LedgerFlowTest.sealedReceipt(firstConsent));
        long dropped = sizes.get(0);
        var consistency = given().accept(ContentType.JSON)
                .get("/api/v1/ledger/{site}/consistency?from={f}&to={t}", siteKey, dropped, sizes.get(sizes.size() - 1))
                .then().statusCode(200).extract().jsonPath();
        assertNull(consistency.get("fromCheckpoint"), "a thinned size has no stored note");
        assertEquals(headNote, consistency.getString("toCheckpoint"));
    }
}
