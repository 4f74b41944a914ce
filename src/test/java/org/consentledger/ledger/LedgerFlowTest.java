package org.consentledger.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.tools.ToolProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end through HTTP: ingest, sealing, receipts, proofs, the standalone verifier, erasure, retention. */
@QuarkusTest
class LedgerFlowTest {

    static final String SITE = "kommunikationstrainer";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ErasureService erasure;
    @Inject
    VerificationService verifier;
    @Inject
    RetentionJob retention;
    @Inject
    Sealer sealer;

    static String post(String visitor, boolean analytics) {
        String body = """
                {"visitorId":"%s","configVersion":1,"decisions":{"essential":true,"analytics":%s},
                 "method":"%s","language":"de","gpc":false,"pageUrl":"https://kommunikationstrainer.ai/de/preise"}"""
                .formatted(visitor, analytics, analytics ? "accept-all" : "reject-all");
        return given().contentType(ContentType.JSON).body(body)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
                .when().post("/api/v1/sites/{site}/consents", SITE)
                .then().statusCode(201).extract().path("consentId");
    }

    static Map<String, Object> sealedReceipt(String consentId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                "sealed".equals(given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", consentId).then().extract().path("status")));
        return given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", consentId).then().statusCode(200).extract().as(Map.class);
    }

    static String vkey() {
        return given().accept(ContentType.JSON).get("/api/v1/ledger/keys").then().statusCode(200).extract().path("current");
    }

    @SuppressWarnings("unchecked")
    static void assertReceiptVerifies(Map<String, Object> r) {
        NoteKeys.Verifier v = NoteKeys.parseVerifier(vkey());
        SignedNote.Checkpoint cp = SignedNote.parseCheckpoint(SignedNote.open((String) r.get("checkpoint"), v));
        assertEquals(((Number) r.get("treeSize")).longValue(), cp.size());
        byte[] leaf = Base64.getDecoder().decode((String) r.get("leaf"));
        assertArrayEquals(org.consentledger.platform.CanonicalJson.bytes(r.get("event")), leaf, "event fields are the leaf");
        List<byte[]> proof = new ArrayList<>();
        ((List<String>) r.get("inclusionProof")).forEach(p -> proof.add(Base64.getDecoder().decode(p)));
        Merkle.verifyInclusion(((Number) r.get("leafIndex")).longValue(), cp.size(), Merkle.leafHash(leaf), proof, cp.root());
    }

    @Test
    @SuppressWarnings("unchecked")
    void consentIsSealedAndItsReceiptProvesIt() {
        String visitor = UUID.randomUUID().toString();
        String consentId = post(visitor, false);
        // right after the 201 the receipt exists; it is pending until the sealer has run
        given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", consentId).then().statusCode(200)
                .body("consentId", equalTo(consentId)).body("siteKey", equalTo(SITE));
        Map<String, Object> r = sealedReceipt(consentId);
        Map<String, Object> event = (Map<String, Object>) r.get("event");
        assertEquals("refused", event.get("action"));
        assertEquals("reject-all", event.get("method"));
        assertEquals(Map.of("essential", true, "analytics", false), event.get("decisions"));
        assertEquals(1, event.get("configVersion"));
        String body = given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", consentId).asString();
        assertFalse(body.contains(visitor), "receipt must not show the visitor id");
        assertFalse(body.contains("Firefox"), "receipt must not show the user agent");
        assertReceiptVerifies(r);

        // checkpoint endpoint: signed note for this site, verifiable with the published key
        String note = given().get("/api/v1/ledger/{site}/checkpoint", SITE).then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        SignedNote.Checkpoint cp = SignedNote.parseCheckpoint(SignedNote.open(note, NoteKeys.parseVerifier(vkey())));
        assertTrue(cp.origin().endsWith("/" + SITE));
        given().accept("text/plain").get("/api/v1/ledger/keys").then().statusCode(200).body(containsString(vkey()));

        // consistency between the receipt's tree size and the latest one
        long from = ((Number) r.get("treeSize")).longValue();
        post(UUID.randomUUID().toString(), true);
        await().atMost(Duration.ofSeconds(20)).until(() -> SignedNote.parseCheckpoint(SignedNote.parse(
                given().get("/api/v1/ledger/{site}/checkpoint", SITE).asString()).text()).size() > from);
        SignedNote.Checkpoint later = SignedNote.parseCheckpoint(SignedNote.open(
                given().get("/api/v1/ledger/{site}/checkpoint", SITE).asString(), NoteKeys.parseVerifier(vkey())));
        Map<String, Object> cons = given().get("/api/v1/ledger/{site}/consistency?from={f}&to={t}", SITE, from, later.size())
                .then().statusCode(200).extract().as(Map.class);
        List<byte[]> proof = new ArrayList<>();
        ((List<String>) cons.get("proof")).forEach(p -> proof.add(Base64.getDecoder().decode(p)));
        byte[] oldRoot = SignedNote.parseCheckpoint(SignedNote.parse((String) r.get("checkpoint")).text()).root();
        Merkle.verifyConsistency(from, later.size(), oldRoot, later.root(), proof);

        // bad input: problem+json, never 500
        given().get("/api/v1/ledger/{site}/consistency?from=5&to=2", SITE).then().statusCode(400).contentType(containsString("problem+json"));
        given().get("/api/v1/ledger/{site}/consistency?from=x&to=2", SITE).then().statusCode(422).contentType(containsString("problem+json"));
        given().get("/api/v1/ledger/{site}/consistency?from=0&to=999999999", SITE).then().statusCode(400);
        given().get("/api/v1/ledger/{site}/checkpoint", "no-such-site").then().statusCode(404).contentType(containsString("problem+json"));
        given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", UUID.randomUUID().toString()).then().statusCode(404);
        given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", "<script>").then().statusCode(404);

        // verification endpoint (behind the config switch, on in tests)
        given().get("/api/v1/admin/sites/{site}/ledger/verify", SITE).then().statusCode(401);
        given().auth().oauth2(org.consentledger.operator.TestTokens.auditor(SITE))
                .get("/api/v1/admin/sites/{site}/ledger/verify", SITE).then().statusCode(200)
                .body("status", equalTo("OK")).body("firstBadLeafIndex", equalTo(null));
    }

    @Test
    void receiptPageSaysWhatWasAgreedInGermanAndEnglishAndEscapesEverything() throws Exception {
        String consentId = post(UUID.randomUUID().toString(), true);
        sealedReceipt(consentId);
        given().accept(ContentType.HTML).header("Accept-Language", "de-DE,de;q=0.9").get("/api/v1/receipts/{id}", consentId)
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Einwilligungsbeleg")).body(containsString("Statistik")).body(containsString("erlaubt"))
                .body(containsString("So widerrufen Sie Ihre Einwilligung")).body(containsString("Version"));
        given().accept(ContentType.HTML).queryParam("lang", "en").get("/api/v1/receipts/{id}", consentId)
                .then().statusCode(200).body(containsString("Consent receipt")).body(containsString("How to withdraw"))
                .body(containsString("allowed"));
        // a hostile category name stored in a row is escaped on the page
        String hostile;
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, "xss-" + UUID.randomUUID().toString().substring(0, 8), 30);
            hostile = LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(),
                    "{\"essential\":true,\"<script>alert(1)</script>\":false}", Instant.now());
        }
        sealedReceipt(hostile);
        given().accept(ContentType.HTML).get("/api/v1/receipts/{id}", hostile).then().statusCode(200)
                .body(not(containsString("<script>alert(1)</script>"))).body(containsString("&lt;script&gt;"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void erasureKeepsTheLogVerifiableAndReceiptsValidWithoutPersonalData() throws Exception {
        String visitor = UUID.randomUUID().toString();
        String first = post(visitor, true);
        String second = post(visitor, false);
        String other = post(UUID.randomUUID().toString(), true);
        sealedReceipt(second);
        sealedReceipt(other);

        ErasureService.ErasureResult result = erasure.eraseVisitor(SITE, visitor, "admin@example.test");
        assertEquals(2, result.eventsErased());
        assertEquals(List.of(first, second).stream().sorted().toList(), result.consentIds());
        try (Connection c = dataSource.getConnection()) {
            assertEquals(0, LedgerTestSupport.count(c, "SELECT COUNT(*) FROM consent_event WHERE visitor_id = ?", visitor));
            assertEquals(2, LedgerTestSupport.count(c, "SELECT COUNT(*) FROM consent_event WHERE consent_id IN (?, ?) "
                    + "AND visitor_id IS NULL AND ip_truncated IS NULL AND user_agent IS NULL AND personal_salt IS NULL "
                    + "AND personal_commitment IS NOT NULL", first, second));
            assertEquals(1, LedgerTestSupport.count(c, "SELECT COUNT(*) FROM consent_event WHERE consent_id = ? AND personal_salt IS NOT NULL", other));
            // the erasure is itself a leaf of the log
            await().atMost(Duration.ofSeconds(20)).until(() -> LedgerTestSupport.count(c,
                    "SELECT COUNT(*) FROM ledger_leaf l JOIN ledger_erasure r ON r.id = l.erasure_id WHERE r.erasure_id = ?",
                    result.erasureId()) == 1);
            assertEquals(0, LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_erasure WHERE consent_ids LIKE ?", "%" + visitor + "%"),
                    "the erasure record must not contain the visitor id");
        }
        VerificationService.Result v = verifier.verify(SITE, null);
        assertTrue(v.ok(), v.summary());
        for (String id : List.of(first, second)) {
            Map<String, Object> r = sealedReceipt(id);
            assertReceiptVerifies(r);
            String body = given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", id).asString();
            assertFalse(body.contains(visitor));
            assertFalse(body.contains("Firefox"));
            assertFalse(body.contains("203.0.113"));
        }
        assertEquals(0, erasure.eraseVisitor(SITE, visitor, "admin@example.test").eventsErased(), "nothing left to erase");
    }

    @Test
    void retentionPurgesOldEventsAsAPrefixAndTheRestStillVerifies() throws Exception {
        String site = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        String fresh;
        long checkpointsBefore;
        try (Connection c = dataSource.getConnection()) {
            long siteId = LedgerTestSupport.createSite(c, site, 30);
            for (int i = 0; i < 40; i++) {
                LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}",
                        Instant.now().minus(Duration.ofDays(40)).plusSeconds(i));
            }
            sealer.sealAll();
            fresh = LedgerTestSupport.insertEvent(c, siteId, UUID.randomUUID().toString(), "{\"essential\":true}", Instant.now());
            sealer.sealAll();
            assertEquals(41, LedgerTestSupport.count(c, "SELECT tree_size FROM ledger_head WHERE site_id = ?", siteId));
            checkpointsBefore = LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_checkpoint WHERE site_id = ?", siteId);

            retention.purgeAll();

            assertEquals(1, LedgerTestSupport.count(c, "SELECT COUNT(*) FROM consent_event WHERE site_id = ?", siteId));
            assertEquals(40, LedgerTestSupport.count(c, "SELECT purged_below FROM ledger_head WHERE site_id = ?", siteId));
            assertEquals(checkpointsBefore, LedgerTestSupport.count(c, "SELECT COUNT(*) FROM ledger_checkpoint WHERE site_id = ?", siteId));
            VerificationService.Result r = verifier.verify(site, null);
            assertTrue(r.ok(), r.summary());
            assertEquals(40, r.purgedBelow());
            assertEquals(1, r.leavesVerified());
            // a purged prefix still detects an edited stored hash
            LedgerTestSupport.exec(c, "CREATE TEMPORARY TABLE backup_tile0 AS SELECT * FROM ledger_tile WHERE site_id = ? AND level = 0 AND tile_index = 0", siteId);
            LedgerTestSupport.exec(c, "UPDATE ledger_tile SET hashes = INSERT(hashes, 1, 1, 'X') WHERE site_id = ? AND level = 0 AND tile_index = 0", siteId);
            VerificationService.Result bad = verifier.verify(site, null);
            assertFalse(bad.ok());
            assertNull(bad.firstBadLeaf(), bad.summary());
            assertTrue(bad.reason().contains("rewritten"), bad.summary());
            LedgerTestSupport.exec(c, "UPDATE ledger_tile t JOIN backup_tile0 b ON b.site_id = t.site_id AND b.level = t.level "
                    + "AND b.tile_index = t.tile_index SET t.hashes = b.hashes");
            assertTrue(verifier.verify(site, null).ok());
        }
        assertReceiptVerifies(sealedReceipt(fresh));
    }

    @Test
    void standaloneVerifierAcceptsASavedReceiptAndRejectsEverySingleBitFlip() throws Exception {
        String consentId = post(UUID.randomUUID().toString(), true);
        sealedReceipt(consentId);
        byte[] receipt = given().accept(ContentType.JSON).get("/api/v1/receipts/{id}", consentId).asByteArray();
        String vkey = vkey();
        Path dir = Files.createDirectories(Path.of("target", "verify-receipt"));
        Path receiptFile = dir.resolve("receipt.json");
        Path vkeyFile = dir.resolve("vkey");
        Files.write(receiptFile, receipt);
        Files.writeString(vkeyFile, vkey + "\n");

        // as a user runs it: java tools/VerifyReceipt.java receipt.json vkey
        Process ok = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "tools/VerifyReceipt.java", receiptFile.toString(), vkeyFile.toString()).redirectErrorStream(true).start();
        assertTrue(ok.waitFor(120, TimeUnit.SECONDS));
        String out = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ok.exitValue(), out);
        assertTrue(out.startsWith("VALID"), out);
        byte[] flipped = receipt.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(dir.resolve("flipped.json"), flipped);
        Process bad = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "tools/VerifyReceipt.java", dir.resolve("flipped.json").toString(), vkeyFile.toString()).redirectErrorStream(true).start();
        assertTrue(bad.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, bad.exitValue(), new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        // every single bit flip, in-process (same class, compiled from tools/)
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "tools/VerifyReceipt.java"));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, null)) {
            Method verify = loader.loadClass("VerifyReceipt").getMethod("verify", byte[].class, String.class);
            verify.invoke(null, receipt, vkey);
            int rejected = 0;
            for (int bit = 0; bit < receipt.length * 8; bit++) {
                byte[] copy = receipt.clone();
                copy[bit / 8] ^= (byte) (1 << (bit % 8));
                try {
                    verify.invoke(null, copy, vkey);
                } catch (InvocationTargetException e) {
                    assertEquals("VerifyReceipt$Invalid", e.getCause().getClass().getName(), "bit " + bit + ": " + e.getCause());
                    rejected++;
                    continue;
                }
                throw new AssertionError("bit flip " + bit + " was accepted");
            }
            assertEquals(receipt.length * 8, rejected);
            // and a receipt checked against another key fails
            String otherKey = NoteKeys.generate("consent-ledger.local").vkey();
            try {
                verify.invoke(null, receipt, otherKey);
                throw new AssertionError("foreign key accepted");
            } catch (InvocationTargetException expected) {
                assertEquals("VerifyReceipt$Invalid", expected.getCause().getClass().getName());
            }
        }
    }
}
