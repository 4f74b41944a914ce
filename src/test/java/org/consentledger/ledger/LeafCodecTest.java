package org.consentledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.consentledger.platform.CanonicalJson;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The member-by-member consent leaf writer produces exactly RFC8785(consentFields) as docs/LEDGER.md specifies. */
class LeafCodecTest {

    static LeafCodec.ConsentRow row(Random rnd, String decisions) {
        byte[] commitment = new byte[32];
        rnd.nextBytes(commitment);
        String[] languages = {"de", "en", "fr-CH", "\u00e9\"\\\n"};
        return new LeafCodec.ConsentRow("site-" + rnd.nextInt(100), UUID.randomUUID().toString(),
                List.of("given", "refused", "partial", "withdrawn").get(rnd.nextInt(4)), "save-settings", decisions,
                rnd.nextInt(1000), "ab".repeat(32), languages[rnd.nextInt(languages.length)], rnd.nextBoolean(),
                rnd.nextBoolean() ? null : "cd".repeat(32), commitment, 1_700_000_000_000_000L + (long) (rnd.nextDouble() * 1e15),
                // per-service decisions (objections) only on some events: without them the leaf has no "services"
                rnd.nextInt(3) == 0 ? "{\"vercel-speed-insights\":false, \"vercel-analytics\":true}" : null);
    }

    @Test
    void consentLeafEqualsTheCanonicalFormOfItsFields() throws Exception {
        Random rnd = new Random(1);
        String[] decisions = {"{\"essential\":true,\"analytics\":false}", "{ \"z\" : true , \"a\":false, \"\\u00e9\": true}",
                "{}", "{\"marketing\":false,\"essential\":true,\"\ud83d\ude00\":true,\"\ufb33\":false}"};
        for (int i = 0; i < 500; i++) {
            LeafCodec.ConsentRow r = row(rnd, decisions[i % decisions.length]);
            byte[] fast = LeafCodec.consentLeaf(r);
            assertArrayEquals(CanonicalJson.bytes(LeafCodec.consentFields(r)), fast);
            String viaJackson = new ObjectMapper().writeValueAsString(LeafCodec.consentFields(r));
            assertEquals(new String(new JsonCanonicalizer(viaJackson).getEncodedUTF8(), StandardCharsets.UTF_8),
                    new String(fast, StandardCharsets.UTF_8));
        }
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** The verifier writes leaves from the stored UTF-8 bytes: the same bytes as the sealer's writer from text. */
    @Test
    void leafFromStoredBytesEqualsLeafFromText() {
        Random rnd = new Random(4);
        String[] decisions = {"{\"essential\":true,\"analytics\":false}", "{ \"z\" : true , \"a\":false, \"\\u00e9\": true}",
                "{\"marketing\":false,\"essential\":true,\"\ud83d\ude00\":true}"};
        String[] texts = {"given", "a\"b", "back\\slash", "tab\there", "\u0001", "gr\u00fc\u00df", "\ud83d\ude00", "\u0141", "", "x\u007f"};
        LeafCodec.DecisionCache cache = new LeafCodec.DecisionCache();
        for (int i = 0; i < 2000; i++) {
            LeafCodec.ConsentRow r = row(rnd, decisions[i % decisions.length]);
            String odd = texts[rnd.nextInt(texts.length)];
            r = new LeafCodec.ConsentRow(r.siteKey(), rnd.nextBoolean() ? odd : r.consentId(), rnd.nextBoolean() ? odd : r.action(),
                    rnd.nextBoolean() ? odd : r.method(), r.decisionsJson(), r.configVersion(), r.configHash(), r.language(), r.gpc(),
                    rnd.nextBoolean() ? odd : r.bannerHash(), r.personalCommitment(), r.recordedAtMicros(), r.servicesJson());
            LeafCodec.RawConsentRow raw = new LeafCodec.RawConsentRow(utf8(r.consentId()), utf8(r.action()), utf8(r.method()),
                    utf8(r.decisionsJson()), r.configVersion(), utf8(r.configHash()), utf8(r.language()), r.gpc(), utf8(r.bannerHash()),
                    r.personalCommitment(), r.recordedAtMicros(), utf8(r.servicesJson()));
            CanonicalJson.Writer w = new CanonicalJson.Writer(64);
            LeafCodec.writeConsentLeaf(w, r.siteKey(), raw, cache);
            assertArrayEquals(LeafCodec.consentLeaf(r), w.toBytes(), odd);
        }
        // malformed UTF-8 in a stored column reads as U+FFFD, as a JDBC string read of it would
        byte[] broken = {'a', (byte) 0xc3, 'b'};
        assertArrayEquals(new CanonicalJson.Writer(8).string(new String(broken, StandardCharsets.UTF_8)).toBytes(),
                new CanonicalJson.Writer(8).stringUtf8(broken).toBytes());
        assertThrows(LeafCodec.LeafException.class, () -> cache.canonical(utf8("{\"a\":1}")));
    }

    @Test
    void unixTimestampTextOfTheVerifierStreamIsReadToTheMicrosecond() {
        assertEquals(1_764_072_000_123_456L, VerificationService.micros("1764072000.123456"));
        assertEquals(1_764_072_000_100_000L, VerificationService.micros("1764072000.1"));
        assertEquals(1_764_072_000_000_000L, VerificationService.micros("1764072000"));
        assertThrows(IllegalStateException.class, () -> VerificationService.micros("-1.5"));
        assertThrows(IllegalStateException.class, () -> VerificationService.micros("1.1234567"));
    }

    @Test
    void personalCommitmentFromStoredBytesEqualsFromText() {
        byte[] salt = PersonalCommitment.newSalt();
        for (String ua : new String[]{"Firefox 140 / Linux", "Mozilla \"quoted\" \u00e4", null}) {
            assertArrayEquals(PersonalCommitment.compute(salt, "v-1", "203.0.113.0", ua),
                    PersonalCommitment.computeUtf8(Merkle.sha256(), new CanonicalJson.Writer(16), salt, utf8("v-1"), utf8("203.0.113.0"), utf8(ua)));
        }
    }

    @Test
    void timeIsAlwaysSixFractionDigitsUtc() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
        Random rnd = new Random(2);
        for (int i = 0; i < 10_000; i++) {
            long micros = (long) (rnd.nextDouble() * 4_102_444_800_000_000L); // 1970 .. 2100
            Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            assertEquals(reference.format(t), LeafCodec.time(micros));
        }
        assertEquals("2026-11-25T16:05:09.000001Z", LeafCodec.time(Instant.parse("2026-11-25T16:05:09.000001Z").toEpochMilli() * 1000 + 1));
    }

    @Test
    void malformedDecisionsAreRefusedEveryTime() {
        Random rnd = new Random(3);
        for (String bad : new String[]{"{\"a\":1}", "[true]", "{\"a\":true,\"a\":false}", "{\"a\":true} x", "not json"}) {
            for (int i = 0; i < 2; i++) { // the second time from the cache
                LeafCodec.ConsentRow r = row(rnd, bad);
                assertThrows(LeafCodec.LeafException.class, () -> LeafCodec.consentLeaf(r), bad);
            }
        }
    }

    /**
     * Leaf encoding cost of the three ways to build the bytes (figures in docs/PERFORMANCE.md "Ledger"):
     * {@code ./mvnw -B test -Dtest=LeafCodecTest -Dledger.bench=true}
     */
    @Test
    void encodingBenchmark() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ledger.bench"), "benchmark runs with -Dledger.bench=true");
        Random rnd = new Random(4);
        LeafCodec.ConsentRow[] rows = new LeafCodec.ConsentRow[10_000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(rnd, i % 2 == 0 ? "{\"essential\":true,\"analytics\":true}" : "{\"essential\":true,\"analytics\":false}");
        }
        ObjectMapper mapper = new ObjectMapper();
        var sha = Merkle.sha256();
        for (int round = 0; round < 3; round++) {
            long sink = 0;
            long t0 = System.nanoTime();
            for (int k = 0; k < 20; k++) {
                for (LeafCodec.ConsentRow r : rows) {
                    sink += new JsonCanonicalizer(mapper.writeValueAsString(LeafCodec.consentFields(r))).getEncodedUTF8().length;
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < 20; k++) {
                for (LeafCodec.ConsentRow r : rows) {
                    sink += CanonicalJson.bytes(LeafCodec.consentFields(r)).length;
                }
            }
            long t2 = System.nanoTime();
            for (int k = 0; k < 20; k++) {
                for (LeafCodec.ConsentRow r : rows) {
                    sink += LeafCodec.consentLeaf(r).length;
                }
            }
            long t3 = System.nanoTime();
            for (int k = 0; k < 20; k++) {
                for (LeafCodec.ConsentRow r : rows) {
                    sink += Merkle.leafHash(sha, LeafCodec.consentLeaf(r))[0];
                }
            }
            long t4 = System.nanoTime();
            double n = 20.0 * rows.length;
            System.out.printf("BENCH leaf encoding (ns/leaf): reference library via Jackson %.0f, generic map writer %.0f, "
                    + "direct writer %.0f, direct writer + SHA-256 leaf hash %.0f (%d)%n",
                    (t1 - t0) / n, (t2 - t1) / n, (t3 - t2) / n, (t4 - t3) / n, sink);
        }
    }
}
